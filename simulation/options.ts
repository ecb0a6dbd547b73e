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
  /** Run one retraining cycle at this month (default: the middle of the run). */
  retrainMonth?: number;
  onDay?: (info: { day: number; date: string; stats: Record<string, number> }) => void | Promise<void>;
}
