import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { borrowerCapFen, gradeMatches, planMandateBid, servingOrder, type ListingTerms, type MandateTerms } from './auto-invest-policy';

const GRADES = ['A1', 'A3', 'B2', 'C1', 'C5', 'D4', 'E2', 'F1', 'G5'];
const grade = fc.constantFrom(...GRADES);
const mandateGrade = fc.oneof(grade, fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G'));
const term = fc.constantFrom(3, 6, 9, 12, 24, 36);
const fen = (max: bigint) => fc.bigInt({ min: 0n, max });

const mandateArb: fc.Arbitrary<MandateTerms> = fc.record({
  id: fc.stringMatching(/^aim_[0-9A-Z]{4}$/),
  investorId: fc.constantFrom('usr_1', 'usr_2', 'usr_3'),
  status: fc.constantFrom('active' as const, 'active' as const, 'revoked' as const),
  grades: fc.uniqueArray(mandateGrade, { minLength: 1, maxLength: 5 }),
  termsMonths: fc.uniqueArray(term, { minLength: 1, maxLength: 4 }),
  minAprBps: fc.integer({ min: 0, max: 2400 }),
  amountPerLoanFen: fc.bigInt({ min: 1n, max: 5_000_000n }),
  totalBudgetFen: fc.bigInt({ min: 1n, max: 50_000_000n }),
  maxBorrowerShareBps: fc.integer({ min: 1, max: 10_000 }),
  lastServedAt: fc.option(fc.integer({ min: 0, max: 1_000 }).map((s) => new Date(Date.UTC(2026, 0, 1) + s * 1000)), { nil: null }),
});
const listingArb: fc.Arbitrary<ListingTerms> = fc.record({
  id: fc.constant('lst_1'),
  borrowerId: fc.constantFrom('usr_1', 'usr_9'),
  status: fc.constantFrom('open', 'open', 'open', 'funded', 'expired'),
  grade,
  termMonths: term,
  aprBps: fc.integer({ min: 0, max: 2400 }),
});

describe('auto-invest policy (item 17)', () => {
  it('never plans a bid outside the mandate', () => {
    fc.assert(
      fc.property(mandateArb, listingArb, fen(60_000_000n), fen(60_000_000n), fc.bigInt({ min: 1n, max: 100_000n }), (mandate, listing, spentRaw, borrowerRaw, minBidFen) => {
        // Usage as the database can hold it: spent within budget, the borrower part within spent.
        const spentFen = spentRaw % (mandate.totalBudgetFen + 1n);
        const usage = { spentFen, borrowerFen: borrowerRaw % (spentFen + 1n) };
        const plan = planMandateBid(minBidFen, mandate, listing, usage);
        if (!plan.ok) return;
        expect(mandate.status).toBe('active');
        expect(listing.status).toBe('open');
        expect(listing.borrowerId).not.toBe(mandate.investorId);
        expect(gradeMatches(mandate.grades, listing.grade)).toBe(true);
        expect(mandate.grades.some((g) => g === listing.grade || g === listing.grade[0])).toBe(true);
        expect(mandate.termsMonths).toContain(listing.termMonths);
        expect(listing.aprBps).toBeGreaterThanOrEqual(mandate.minAprBps);
        expect(plan.requestedFen).toBeGreaterThanOrEqual(minBidFen);
        expect(plan.requestedFen <= mandate.amountPerLoanFen).toBe(true);
        expect(usage.spentFen + plan.requestedFen <= mandate.totalBudgetFen).toBe(true);
        // The per-borrower cap, checked exactly: (already in borrower + bid) / budget ≤ share.
        expect((usage.borrowerFen + plan.requestedFen) * 10_000n <= mandate.totalBudgetFen * BigInt(mandate.maxBorrowerShareBps)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('bids when everything matches and there is room', () => {
    const mandate: MandateTerms = { id: 'aim_1', investorId: 'usr_2', status: 'active', grades: ['B'], termsMonths: [12], minAprBps: 800, amountPerLoanFen: 50_000n, totalBudgetFen: 1_000_000n, maxBorrowerShareBps: 1_000, lastServedAt: null };
    const listing: ListingTerms = { id: 'lst_1', borrowerId: 'usr_9', status: 'open', grade: 'B3', termMonths: 12, aprBps: 900 };
    expect(planMandateBid(5_000n, mandate, listing, { spentFen: 0n, borrowerFen: 0n })).toEqual({ ok: true, requestedFen: 50_000n });
    // The per-borrower cap (10% of 10,000 CNY = 1,000 CNY) trims the bid, then stops it.
    expect(borrowerCapFen(mandate)).toBe(100_000n);
    expect(planMandateBid(5_000n, mandate, listing, { spentFen: 70_000n, borrowerFen: 70_000n })).toEqual({ ok: true, requestedFen: 30_000n });
    expect(planMandateBid(5_000n, mandate, listing, { spentFen: 98_000n, borrowerFen: 98_000n })).toEqual({ ok: false, reason: 'BORROWER_SHARE' });
    expect(planMandateBid(5_000n, mandate, listing, { spentFen: 998_000n, borrowerFen: 0n })).toEqual({ ok: false, reason: 'BUDGET_USED' });
    expect(planMandateBid(5_000n, { ...mandate, grades: ['B2'] }, listing, { spentFen: 0n, borrowerFen: 0n })).toEqual({ ok: false, reason: 'GRADE' });
    expect(planMandateBid(5_000n, mandate, { ...listing, aprBps: 799 }, { spentFen: 0n, borrowerFen: 0n })).toEqual({ ok: false, reason: 'APR' });
  });

  it('serves least recently served first, never-served before all, ties by id', () => {
    fc.assert(
      fc.property(fc.array(mandateArb, { maxLength: 30 }), (mandates) => {
        const ordered = servingOrder(mandates);
        expect(ordered).toHaveLength(mandates.length);
        for (let i = 1; i < ordered.length; i += 1) {
          const a = ordered[i - 1]!;
          const b = ordered[i]!;
          const ta = a.lastServedAt?.getTime() ?? -Infinity;
          const tb = b.lastServedAt?.getTime() ?? -Infinity;
          expect(ta < tb || (ta === tb && a.id <= b.id)).toBe(true);
        }
      }),
    );
  });
});
