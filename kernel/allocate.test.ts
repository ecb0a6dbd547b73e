import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';

describe('allocate (largest remainder)', () => {
  it('splits 100 fen three ways with the remainder to the largest remainders', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocate(10n, [3n, 7n])).toEqual([3n, 7n]);
    expect(allocate(1n, [1n, 2n])).toEqual([0n, 1n]);
  });

  it('parts always sum to the whole and stay within one fen of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 50 }).filter((w) => w.some((x) => x > 0n)),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          const weightSum = weights.reduce((a, b) => a + b, 0n);
          parts.forEach((part, i) => {
            const exactTimesSum = total * (weights[i] ?? 0n);
            const diff = part * weightSum - exactTimesSum;
            expect(diff < 0n ? -diff : diff).toBeLessThan(weightSum);
          });
        },
      ),
    );
  });

  it('refuses empty, negative or all-zero weights', () => {
    expect(() => allocate(10n, [])).toThrow();
    expect(() => allocate(10n, [1n, -1n])).toThrow();
    expect(() => allocate(10n, [0n, 0n])).toThrow();
  });
});
