import { paceOut, percentile } from './pace';

/**
 * Open-loop load on an in-process use case (the funding bench calls placeBid directly): call n
 * is due at start + n / rate, whatever happened to the calls before it, and its latency runs
 * from when it was due, so a stalled process shows as latency instead of as fewer calls (the
 * closed loop of a fixed number of clients hides that). Calls are not capped in number in flight;
 * this is what "p99 at N per second" means.
 */
export interface PacedCallsResult {
  offeredPerSecond: number;
  completedPerSecond: number;
  ok: number;
  /** Failed calls by error code (`code` of the thrown error, or ERROR). */
  failed: Record<string, number>;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function pacedCalls(options: { ratePerSecond: number; seconds: number; call: (n: number) => Promise<unknown> }): Promise<PacedCallsResult> {
  if (!(options.ratePerSecond > 0) || !(options.seconds > 0)) throw new Error('pacedCalls: ratePerSecond and seconds must be positive');
  const total = Math.round(options.ratePerSecond * options.seconds);
  const latenciesMs = new Float64Array(total);
  const failed: Record<string, number> = {};
  let ok = 0;
  const calls: Array<Promise<void>> = [];
  const issue = (n: number, dueMs: number) =>
    options.call(n).then(
      () => {
        latenciesMs[n] = performance.now() - dueMs;
        ok += 1;
      },
      (error: unknown) => {
        latenciesMs[n] = performance.now() - dueMs;
        const code = (error as { code?: unknown } | null)?.code;
        const key = typeof code === 'string' ? code : 'ERROR';
        failed[key] = (failed[key] ?? 0) + 1;
      },
    );
  const started = await paceOut(options.ratePerSecond, total, (n, dueMs) => calls.push(issue(n, dueMs)));
  await Promise.all(calls);
  const seconds = (performance.now() - started) / 1000;
  latenciesMs.sort();
  return {
    offeredPerSecond: options.ratePerSecond,
    completedPerSecond: Math.round(total / seconds),
    ok,
    failed,
    p50Ms: percentile(latenciesMs, 50),
    p90Ms: percentile(latenciesMs, 90),
    p99Ms: percentile(latenciesMs, 99),
    maxMs: percentile(latenciesMs, 100),
  };
}
