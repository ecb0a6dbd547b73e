import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPAYMENT_METHODS } from '../schedules';
import { allocateInstallmentShares, splitByOwed } from './investor-shares';
import { buildLoanSchedule, loanAprBps } from './loan-schedule';
import { rateCapBpsAt } from './rate-cap';
import { applyWaterfall, owedTotalFen, type Owed } from './waterfall';

const holdingsArb = fc.array(fc.bigInt({ min: 1n, max: 5_000_000n }), { minLength: 1, maxLength: 12 });

describe('loan schedule with the platform fee', () => {
  it('principal parts sum exactly to the loan for random amounts, terms, rates and methods (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1_000_000_000n }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 3600 }), fc.integer({ min: 0, max: 600 }), fc.constantFrom(...REPAYMENT_METHODS), (p, n, rate, fee, method) => {
        const s = buildLoanSchedule({ principalFen: p, termMonths: n, annualRateBps: rate, repaymentMethod: method, startDate: '2026-01-15', platformFeeBps: fee });
        expect(s.reduce((a, i) => a + i.principalFen, 0n)).toBe(p);
        expect(s.every((i) => i.feeFen >= 0n && i.interestFen >= 0n)).toBe(true);
      }),
    );
  });

  it('the APR counts the fee: 10,000 CNY / 12 months at 12% is 12.00%, and a 300 CNY upfront fee makes it 17.83%', () => {
    const s = buildLoanSchedule({ principalFen: 1_000_000n, termMonths: 12, annualRateBps: 1200, repaymentMethod: 'equal_installment', startDate: '2026-01-31' });
    expect(loanAprBps(1_000_000n, s)).toBe(1200);
    expect(loanAprBps(1_000_000n, s, 30_000n)).toBe(1783);
    const withFee = buildLoanSchedule({ principalFen: 1_000_000n, termMonths: 12, annualRateBps: 1000, repaymentMethod: 'equal_installment', startDate: '2026-01-31', platformFeeBps: 200 });
    expect(withFee[0]!.feeFen).toBe(1_667n);
    expect(loanAprBps(1_000_000n, withFee)).toBeGreaterThan(1150);
  });

  it('the cap is 4 × LPR at the contract date, 24% before 2020-08-20', () => {
    expect(rateCapBpsAt('2020-08-19')).toBe(2400);
    expect(rateCapBpsAt('2020-08-20')).toBe(1540);
    expect(rateCapBpsAt('2026-03-01')).toBe(1200);
  });
});

describe('investor shares', () => {
  it('every installment is split exactly and each investor gets exactly their principal back (property)', () => {
    fc.assert(
      fc.property(holdingsArb, fc.integer({ min: 1, max: 36 }), fc.integer({ min: 0, max: 3600 }), fc.constantFrom(...REPAYMENT_METHODS), (weights, n, rate, method) => {
        const holdings = weights.map((w, k) => ({ investorId: `inv${k}`, principalFen: w }));
        const principal = weights.reduce((a, b) => a + b, 0n);
        const s = buildLoanSchedule({ principalFen: principal, termMonths: n, annualRateBps: rate, repaymentMethod: method, startDate: '2026-01-15' });
        const shares = allocateInstallmentShares(s, holdings);
        for (const inst of s) {
          const mine = shares.filter((x) => x.installmentNo === inst.installmentNo);
          expect(mine.reduce((a, x) => a + x.principalFen, 0n)).toBe(inst.principalFen);
          expect(mine.reduce((a, x) => a + x.interestFen, 0n)).toBe(inst.interestFen);
          expect(mine.every((x) => x.principalFen >= 0n && x.interestFen >= 0n)).toBe(true);
        }
        for (const h of holdings) {
          expect(shares.filter((x) => x.investorId === h.investorId).reduce((a, x) => a + x.principalFen, 0n)).toBe(h.principalFen);
        }
      }),
    );
  });

  it('a partial receipt never gives anyone more than they are owed (property)', () => {
    fc.assert(
      fc.property(holdingsArb, fc.bigInt({ min: 0n, max: 100_000_000n }), (owed, raw) => {
        const total = owed.reduce((a, b) => a + b, 0n);
        const amount = raw % (total + 1n);
        const parts = splitByOwed(amount, owed);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(amount);
        parts.forEach((p, k) => expect(p <= owed[k]! && p >= 0n).toBe(true));
      }),
    );
  });
});

describe('waterfall', () => {
  const owedArb = fc.array(
    fc.record({ penaltyFen: fc.bigInt({ min: 0n, max: 10_000n }), feeFen: fc.bigInt({ min: 0n, max: 10_000n }), interestFen: fc.bigInt({ min: 0n, max: 100_000n }), principalFen: fc.bigInt({ min: 0n, max: 1_000_000n }) }),
    { minLength: 1, maxLength: 6 },
  );

  it('never pays more than owed, part by part, and uses the payment up to what is owed (property)', () => {
    fc.assert(
      fc.property(owedArb, fc.bigInt({ min: 0n, max: 5_000_000n }), fc.shuffledSubarray(['penalty', 'fee', 'interest', 'principal'] as const, { minLength: 4 }), (rows, amount, order) => {
        const owed: Owed[] = rows.map((r, k) => ({ installmentNo: k + 1, ...r }));
        const result = applyWaterfall(amount, owed, order);
        const total = owedTotalFen(owed);
        expect(result.totalAppliedFen).toBe(amount < total ? amount : total);
        expect(result.totalAppliedFen + result.leftoverFen).toBe(amount);
        for (const a of result.applied) {
          const o = owed.find((x) => x.installmentNo === a.installmentNo)!;
          for (const f of ['penaltyFen', 'feeFen', 'interestFen', 'principalFen'] as const) expect(a[f] <= o[f]).toBe(true);
        }
      }),
    );
  });

  it('applies penalty, fee, interest, principal of the oldest installment first', () => {
    const owed: Owed[] = [
      { installmentNo: 2, penaltyFen: 0n, feeFen: 0n, interestFen: 100n, principalFen: 900n },
      { installmentNo: 1, penaltyFen: 50n, feeFen: 10n, interestFen: 100n, principalFen: 900n },
    ];
    const r = applyWaterfall(300n, owed, ['penalty', 'fee', 'interest', 'principal']);
    expect(r.applied).toEqual([{ installmentNo: 1, penaltyFen: 50n, feeFen: 10n, interestFen: 100n, principalFen: 140n }]);
  });
});
