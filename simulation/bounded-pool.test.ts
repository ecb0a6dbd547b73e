import { describe, expect, it } from 'vitest';
import { independentRuns, mapBounded } from './bounded-pool';

describe('mapBounded', () => {
  it('returns results in the items’ order whatever order the calls finish in, never over the limit', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapBounded([30, 5, 20, 1, 10], 2, async (ms, i) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, ms));
      inFlight -= 1;
      return `${i}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10']);
    expect(most).toBe(2);
  });

  it('stops starting calls after a failure and throws it', async () => {
    const started: number[] = [];
    await expect(
      mapBounded([1, 2, 3, 4], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});

describe('independentRuns', () => {
  it('keeps order and starts a new run at a shared key or at the size limit', () => {
    const items = [
      { id: 1, keys: ['a'] },
      { id: 2, keys: ['b'] },
      { id: 3, keys: ['a', 'c'] },
      { id: 4, keys: ['d'] },
      { id: 5, keys: ['e'] },
    ];
    const runs = independentRuns(items, (i) => i.keys, 2).map((run) => run.map((i) => i.id));
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
  });
});
