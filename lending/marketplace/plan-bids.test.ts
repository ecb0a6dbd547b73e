import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBids, type PlanInvestor } from './plan-bids';

describe('planBids', () => {
  it('never funds beyond the amount, a tier limit or an investor balance', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 1_000_000n }),
        fc.array(fc.record({ investor: fc.integer({ min: 0, max: 4 }), requestedFen: fc.bigInt({ min: 1n, max: 400_000n }) }), { maxLength: 60 }),
        fc.array(fc.bigInt({ min: 0n, max: 500_000n }), { minLength: 5, maxLength: 5 }),
        fc.constantFrom('fill_remaining' as const, 'refuse' as const),
        (amountFen, requests, balances, lastBid) => {
          const listing = { id: 'l', status: 'open', amountFen, fundedFen: 0n, closesOn: '2026-12-31', borrowerId: 'b' };
          const investors = new Map<string, PlanInvestor>(
            balances.map((b, i) => [`i${i}`, { availableFen: b, exposure: { totalFen: 0n, byListingFen: new Map(), byBorrowerFen: new Map() }, maxPerLoanFen: 300_000n, maxTotalFen: 10n ** 9n }]),
          );
          const out = planBids({ lastBid }, '2026-03-02', new Map([['l', listing]]), investors, requests.map((r) => ({ listingId: 'l', investorId: `i${r.investor}`, requestedFen: r.requestedFen })));
          const accepted = out.flatMap((o, k) => (o.ok ? [{ ...requests[k]!, amountFen: o.amountFen }] : []));
          const total = accepted.reduce((a, b) => a + b.amountFen, 0n);
          expect(total).toBeLessThanOrEqual(amountFen);
          expect(listing.fundedFen).toBe(total);
          for (let i = 0; i < 5; i += 1) {
            const mine = accepted.filter((a) => a.investor === i).reduce((a, b) => a + b.amountFen, 0n);
            expect(mine).toBeLessThanOrEqual(balances[i]!);
            expect(mine).toBeLessThanOrEqual(300_000n);
          }
          for (const a of accepted) {
            expect(a.amountFen).toBeGreaterThan(0n);
            expect(a.amountFen).toBeLessThanOrEqual(a.requestedFen);
            if (lastBid === 'refuse') expect(a.amountFen).toBe(a.requestedFen);
          }
        },
      ),
    );
  });
});
