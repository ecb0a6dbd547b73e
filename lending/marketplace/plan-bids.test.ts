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
          const out = planBids({ lastBid, diversificationWarnShareBps: 2_000, diversificationMinPortfolioFen: 0n }, '2026-03-02', new Map([['l', listing]]), investors, requests.map((r) => ({ listingId: 'l', investorId: `i${r.investor}`, requestedFen: r.requestedFen })));
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

  it('warns on concentration last, on the exact running portfolio and the amount that would go in', () => {
    const config = { lastBid: 'fill_remaining' as const, diversificationWarnShareBps: 2_000, diversificationMinPortfolioFen: 0n };
    const listings = () =>
      new Map([
        ['l', { id: 'l', status: 'open', amountFen: 50_000n, fundedFen: 0n, closesOn: '2026-12-31', borrowerId: 'b' }],
        ['m', { id: 'm', status: 'open', amountFen: 10n ** 9n, fundedFen: 0n, closesOn: '2026-12-31', borrowerId: 'c' }],
      ]);
    // 100,000 fen elsewhere (borrower c); 30,000 on l would be 23% of 130,000: above 20%.
    const investor = (availableFen: bigint): PlanInvestor => ({
      availableFen,
      exposure: { totalFen: 100_000n, byListingFen: new Map([['m', 100_000n]]), byBorrowerFen: new Map([['c', 100_000n]]) },
      maxPerLoanFen: 10n ** 9n,
      maxTotalFen: 10n ** 9n,
    });
    const bid = (listingId: string, requestedFen: bigint, warnOnConcentration = true) => ({ listingId, investorId: 'i', requestedFen, warnOnConcentration });
    const reasons = (out: ReturnType<typeof planBids>) => out.map((o) => (o.ok ? o.amountFen : (o.error.details as { reason?: string })?.reason ?? o.error.code));

    expect(reasons(planBids(config, '2026-03-02', listings(), new Map([['i', investor(10n ** 9n)]]), [bid('l', 30_000n)]))).toEqual(['CONCENTRATION_WARNING']);
    // Accepted (no flag), then a small bid: the first bid now counts in the portfolio and the loan.
    expect(reasons(planBids(config, '2026-03-02', listings(), new Map([['i', investor(10n ** 9n)]]), [bid('l', 30_000n, false), bid('l', 1_000n)]))).toEqual([30_000n, 'CONCENTRATION_WARNING']);
    // Below the share: 20,000 of 120,000 is 16.7%.
    expect(reasons(planBids(config, '2026-03-02', listings(), new Map([['i', investor(10n ** 9n)]]), [bid('l', 20_000n)]))).toEqual([20_000n]);
    // Judged on the amount that would go in: 60,000 asked, 50,000 left; 50,000 of 150,000 is 33%.
    const clamped = planBids(config, '2026-03-02', listings(), new Map([['i', investor(10n ** 9n)]]), [bid('l', 60_000n)]);
    expect(clamped[0]).toMatchObject({ ok: false, error: { details: { warnings: [{ kind: 'loan', shareBps: 3_333 }, { kind: 'borrower', shareBps: 3_333 }] } } });
    // A bid that would be refused anyway says why, not the warning.
    expect(reasons(planBids(config, '2026-03-02', listings(), new Map([['i', investor(1_000n)]]), [bid('l', 30_000n)]))).toEqual(['INSUFFICIENT_FUNDS']);
  });

  it('refuses a closed or fully funded listing first, before anything about the investor', () => {
    const config = { lastBid: 'fill_remaining' as const, diversificationWarnShareBps: 2_000, diversificationMinPortfolioFen: 0n };
    const listing = (status: string, fundedFen: bigint, closesOn = '2026-12-31') => ({ id: 'l', status, amountFen: 50_000n, fundedFen, closesOn, borrowerId: 'b' });
    const reason = (l: ReturnType<typeof listing>) => {
      // No such investor (no custody account): the listing's state is still the reason given.
      const [out] = planBids(config, '2026-03-02', new Map([['l', l]]), new Map(), [{ listingId: 'l', investorId: 'nobody', requestedFen: 1_000n }]);
      return out!.ok ? 'accepted' : (out!.error.details as { reason?: string }).reason ?? out!.error.code;
    };
    expect(reason(listing('funded', 50_000n))).toBe('FULLY_FUNDED');
    expect(reason(listing('open', 50_000n))).toBe('FULLY_FUNDED');
    expect(reason(listing('cancelled', 0n))).toBe('LISTING_NOT_OPEN');
    expect(reason(listing('open', 0n, '2026-03-01'))).toBe('LISTING_NOT_OPEN');
    expect(reason(listing('open', 0n))).toBe('INSUFFICIENT_FUNDS');
  });
});
