import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualisedIrrBps, irr } from './irr';

describe('irr', () => {
  it('finds the 1% monthly rate of a 12% equal-installment loan', () => {
    const flows = [1_000_000, ...Array<number>(12).fill(-88_849)];
    expect(irr(flows)).toBeCloseTo(0.01, 5);
    expect(annualisedIrrBps(flows)).toBe(1200);
  });

  it('prices a 300 CNY upfront fee into 17.83%', () => {
    const flows = [1_000_000 - 30_000, ...Array<number>(12).fill(-88_849)];
    expect(annualisedIrrBps(flows)).toBe(1783);
  });

  it('returns a rate at which the net present value is zero (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 100_000_000 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 3_000 }), (principal, n, rateBps) => {
        const r = rateBps / 120_000;
        const payment = r === 0 ? principal / n : (principal * r) / (1 - (1 + r) ** -n);
        const found = irr([principal, ...Array<number>(n).fill(-payment)]);
        expect(found).toBeCloseTo(r, 7);
      }),
    );
  });

  it('refuses flows without a sign change', () => {
    expect(() => irr([100, 10, 10])).toThrow(/inflow and an outflow/);
  });
});
