import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSchedule, levelPaymentFen, REPAYMENT_METHODS } from './build-schedule';
import { scheduleAprBps } from './schedule-apr';

const start = '2026-01-31';

describe('repayment schedules', () => {
  it('equal installment: 10,000 CNY, 12 months at 12% pays 888.49 a month and has an APR of 12.00%', () => {
    const s = buildSchedule({ principalFen: 1_000_000n, annualRateBps: 1200, termMonths: 12, method: 'equal_installment', startDate: start });
    expect(levelPaymentFen(1_000_000n, 1200, 12)).toBe(88_849n);
    expect(s.slice(0, 11).every((i) => i.totalFen === 88_849n)).toBe(true);
    expect(s[0]).toMatchObject({ interestFen: 10_000n, principalFen: 78_849n, dueDate: '2026-02-28' });
    expect(scheduleAprBps(1_000_000n, s)).toBe(1200);
    expect(scheduleAprBps(1_000_000n, s, { upfrontFen: 30_000n })).toBe(1783);
  });

  it('equal principal repays the same principal each month and interest on the falling balance', () => {
    const s = buildSchedule({ principalFen: 1_200_000n, annualRateBps: 1200, termMonths: 12, method: 'equal_principal', startDate: start });
    expect(s.map((i) => i.principalFen)).toEqual(Array(12).fill(100_000n));
    expect(s[0]!.interestFen).toBe(12_000n);
    expect(s[11]!.interestFen).toBe(1_000n);
  });

  it('interest first pays only interest until the last month', () => {
    const s = buildSchedule({ principalFen: 500_000n, annualRateBps: 1000, termMonths: 6, method: 'interest_first', startDate: start });
    expect(s.slice(0, 5).every((i) => i.principalFen === 0n && i.interestFen === 4_167n)).toBe(true);
    expect(s[5]).toMatchObject({ principalFen: 500_000n, remainingPrincipalFen: 0n });
  });

  it('principal parts always sum exactly to the loan and never go negative (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 500_000_000n }),
        fc.integer({ min: 0, max: 3_600 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(...REPAYMENT_METHODS),
        (principalFen, annualRateBps, termMonths, method) => {
          const s = buildSchedule({ principalFen, annualRateBps, termMonths, method, startDate: start });
          expect(s).toHaveLength(termMonths);
          expect(s.reduce((a, i) => a + i.principalFen, 0n)).toBe(principalFen);
          expect(s.every((i) => i.principalFen >= 0n && i.interestFen >= 0n && i.totalFen === i.principalFen + i.interestFen)).toBe(true);
          expect(s[termMonths - 1]!.remainingPrincipalFen).toBe(0n);
        },
      ),
    );
  });

  it('the APR of a fee-free schedule equals its nominal rate within a basis point (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 100_000n, max: 100_000_000n }), fc.integer({ min: 100, max: 3_600 }), fc.integer({ min: 3, max: 36 }), fc.constantFrom(...REPAYMENT_METHODS), (p, rate, n, method) => {
        const s = buildSchedule({ principalFen: p, annualRateBps: rate, termMonths: n, method, startDate: start });
        expect(Math.abs(scheduleAprBps(p, s) - rate)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
