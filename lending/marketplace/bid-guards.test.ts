import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { disclosureOpenings, reconciliationIncidents } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { marketplaceConfig } from './config';
import { placeBid } from './place-bid';
import { fundUsers, seedInvestorProfiles, seedListing, seedUsers } from './testing/seed';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');

describe('hand-bid guards read with the bid context', () => {
  it('warns on concentration (loan and borrower) until accepted, and refuses every bid while funding is frozen', async () => {
    const db = database.current.db;
    const deps = { db, clock, marketplace: marketplaceConfig() }; // warn above 20% once the portfolio reaches 5,000 CNY
    const [borrowerA, borrowerB, investor] = await seedUsers(db, clock, 3, { label: 'guards' });
    await seedInvestorProfiles(db, [investor!]);
    await fundUsers(db, clock, [investor!], [10_000_000n]);
    const listingA1 = await seedListing(db, clock, { borrowerId: borrowerA!, amountFen: 5_000_000n });
    const listingA2 = await seedListing(db, clock, { borrowerId: borrowerA!, amountFen: 5_000_000n });
    const listingB = await seedListing(db, clock, { borrowerId: borrowerB!, amountFen: 5_000_000n });
    await db.insert(disclosureOpenings).values([listingA1, listingA2, listingB].map((listingId) => ({ listingId, investorId: investor!, disclosuresHash: 'x', openedAt: clock.now() })));
    const bidCount = async () => (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM bids`)).rows[0]!.n;

    // 6,000 CNY into one loan of an empty portfolio: 100% in one loan and one borrower.
    const first = await placeBid(deps, { investorId: investor!, listingId: listingA1, amount: '6000.00', idempotencyKey: 'guard-0001' }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'BUSINESS_RULE', details: { reason: 'CONCENTRATION_WARNING', warnings: [{ kind: 'loan', shareBps: 10_000 }, { kind: 'borrower', shareBps: 10_000 }] } });
    expect(await bidCount()).toBe(0);
    await placeBid(deps, { investorId: investor!, listingId: listingA1, amount: '6000.00', idempotencyKey: 'guard-0001', acceptConcentrationRisk: true });

    // Another loan of the same borrower: only the borrower share is too high (6,100 of 6,100).
    const sameBorrower = await placeBid(deps, { investorId: investor!, listingId: listingA2, amount: '100.00', idempotencyKey: 'guard-0002' }).catch((e: unknown) => e);
    expect(sameBorrower).toMatchObject({ details: { reason: 'CONCENTRATION_WARNING', warnings: [{ kind: 'borrower', shareBps: 10_000 }] } });
    // A different borrower: 100 of 6,100 is 1.6%, no warning.
    const diversified = await placeBid(deps, { investorId: investor!, listingId: listingB, amount: '100.00', idempotencyKey: 'guard-0003' });
    expect(diversified.warnings).toEqual([]);
    expect(await bidCount()).toBe(2);

    // An open reconciliation incident freezes new funding: refused, nothing written.
    await db.insert(reconciliationIncidents).values({ id: 'inc_guard', businessDate: '2026-03-01', bankAccountNo: 'x', ledgerBalanceFen: 1n, bankBalanceFen: 2n, ledgerFrozenFen: 0n, bankFrozenFen: 0n, status: 'open', openedAt: clock.now() });
    const frozen = await placeBid(deps, { investorId: investor!, listingId: listingB, amount: '100.00', idempotencyKey: 'guard-0004', acceptConcentrationRisk: true }).catch((e: unknown) => e);
    expect(frozen).toMatchObject({ code: 'FUNDING_FROZEN' });
    expect(await bidCount()).toBe(2);
    // A replay of an accepted bid still answers with its first result.
    const replay = await placeBid(deps, { investorId: investor!, listingId: listingB, amount: '100.00', idempotencyKey: 'guard-0003' });
    expect(replay.replayed).toBe(true);
  });
});
