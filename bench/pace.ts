/** The pacing shared by the open-loop loads (paced-load.ts over HTTP, paced-calls.ts in process). */

/** The value at percentile p (0–100) of already sorted values (0 when there are none), to 0.01. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2));
}

/**
 * Calls `issue(n, dueMs)` for n = 0 … total − 1, each when it falls due at start + n / rate,
 * whatever happened to the ones before (open loop). Everything due by the time a timer fires goes
 * out at once: timers fire late by a millisecond or so, and a late timer must not thin the load.
 * Resolves with the start time (performance.now()) once the last one is issued.
 */
export async function paceOut(ratePerSecond: number, total: number, issue: (n: number, dueMs: number) => void): Promise<number> {
  const intervalMs = 1000 / ratePerSecond;
  const started = performance.now();
  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && started + next * intervalMs <= now) {
      issue(next, started + next * intervalMs);
      next += 1;
    }
    const wait = started + next * intervalMs - performance.now();
    if (next < total && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return started;
}
