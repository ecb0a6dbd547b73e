export interface SimulationOptions {
  seed: number;
  months: number;
  borrowers: number;
  investors: number;
  /** First simulated day (YYYY-MM-DD, China time). */
  startDate: string;
  /** From the middle of the run, new borrowers are riskier than their data suggests. */
  drift?: boolean;
  audit?: boolean;
  /** Independent actor calls in flight at once (default 6); a speed setting only: the books do not depend on it. */
  concurrency?: number;
  /** Run one retraining cycle at this month (default: the middle of the run). */
  retrainMonth?: number;
  /** After each day; phaseSeconds is the wall time spent so far per phase (observation only). */
  onDay?: (info: { day: number; date: string; stats: Record<string, number>; phaseSeconds: Record<string, number> }) => void | Promise<void>;
}
