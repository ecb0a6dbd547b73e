import { describe, expect, it } from 'vitest';
import { pacedCalls } from './paced-calls';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('pacedCalls (open-loop load on an in-process call)', () => {
  it('makes every call once, spread evenly over the run', async () => {
    const calledAtMs: number[] = [];
    const seen = new Set<number>();
    const started = performance.now();
    const result = await pacedCalls({
      ratePerSecond: 200,
      seconds: 0.5,
      call: async (n) => {
        seen.add(n);
        calledAtMs[n] = performance.now() - started;
      },
    });
    expect(result.ok).toBe(100);
    expect(seen.size).toBe(100);
    expect(result.failed).toEqual({});
    // Call 50 is due at 250 ms: not sent early, and not all at the start.
    expect(calledAtMs[50]!).toBeGreaterThanOrEqual(249);
    expect(calledAtMs[99]!).toBeGreaterThanOrEqual(494);
  });

  it('does not wait for slow calls before sending the next (open loop), and counts latency from when each was due', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const result = await pacedCalls({
      ratePerSecond: 500,
      seconds: 0.2,
      call: async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(30);
        inFlight -= 1;
      },
    });
    expect(result.ok).toBe(100);
    expect(maxInFlight).toBeGreaterThan(5); // a closed loop of one would never exceed 1
    expect(result.p50Ms).toBeGreaterThanOrEqual(29);
  });

  it('shows a stalled process as latency of the calls that fell due meanwhile', async () => {
    const result = await pacedCalls({
      ratePerSecond: 1000,
      seconds: 0.1,
      call: async (n) => {
        if (n === 10) {
          const until = performance.now() + 40;
          while (performance.now() < until); // blocks the event loop for 40 ms
        }
      },
    });
    expect(result.ok).toBe(100);
    // The ~40 calls due during the stall wait for it: the tail shows it, the median barely.
    expect(result.p90Ms).toBeGreaterThanOrEqual(15);
    expect(result.maxMs).toBeGreaterThanOrEqual(35);
  });

  it('counts failures by error code', async () => {
    const result = await pacedCalls({
      ratePerSecond: 1000,
      seconds: 0.02,
      call: async (n) => {
        if (n % 2 === 0) throw Object.assign(new Error('no'), { code: 'INSUFFICIENT_FUNDS' });
        if (n === 1) throw new Error('plain');
      },
    });
    expect(result).toMatchObject({ ok: 9, failed: { INSUFFICIENT_FUNDS: 10, ERROR: 1 } });
  });

  it('refuses a rate or duration that is not positive', async () => {
    await expect(pacedCalls({ ratePerSecond: 0, seconds: 1, call: async () => {} })).rejects.toThrow(/must be positive/);
    await expect(pacedCalls({ ratePerSecond: 10, seconds: -1, call: async () => {} })).rejects.toThrow(/must be positive/);
  });
});
