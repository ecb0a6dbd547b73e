/**
 * Runs `work` over `items` with at most `limit` calls in flight and returns the results in the
 * items' order, so what the caller does next never depends on which call finished first.
 * The first failure stops new calls and is thrown once the calls in flight have settled.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (failure === undefined && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure) throw failure.error;
  return results;
}

/**
 * Splits items, in order, into runs whose members share no key: within a run no one's call can
 * see another's, so running them at once ends as running them one by one. Items sharing a key
 * (a fraud ring's one device) fall into consecutive runs.
 */
export function independentRuns<T>(items: readonly T[], keysOf: (item: T) => string[], maxRun: number): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let keys = new Set<string>();
  for (const item of items) {
    const own = keysOf(item);
    if (run.length >= maxRun || own.some((k) => keys.has(k))) {
      runs.push(run);
      run = [];
      keys = new Set();
    }
    run.push(item);
    for (const k of own) keys.add(k);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
