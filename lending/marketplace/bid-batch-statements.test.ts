import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { disclosureOpenings, idempotencyKeys } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { claimKeysAndReadListings } from './claim-bid-keys';
import { lockBidBatch } from './lock-bid-batch';
import { marketplaceConfig } from './config';
import { placeBid } from './place-bid';
import { fundUsers, seedInvestorProfiles, seedListing, seedUsers } from './testing/seed';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');

describe("a bid batch's merged statements", () => {
  it('claim only keys not yet present and read the listings without locking them', async () => {
    const db = database.current.db;
    const [borrower] = await seedUsers(db, clock, 1, { label: 'claim' });
    const listing = await seedListing(db, clock, { borrowerId: borrower!, amountFen: 1_000_000n });
    await db.insert(idempotencyKeys).values({ scope: 'bid:x', key: 'taken-0001', requestHash: 'h', createdAt: clock.now() });
    const keys = ['taken-0001', 'fresh-0001', 'fresh-0002'].map((key) => ({ scope: 'bid:x', key, requestHash: 'h', createdAt: clock.now() }));
    const result = await db.transaction((tx) => claimKeysAndReadListings(tx, keys, [listing, 'lst_missing']));
    expect([...result.claimed].sort()).toEqual(['bid:x\u0000fresh-0001', 'bid:x\u0000fresh-0002']);
    expect(result.snapshot).toEqual([{ id: listing, status: 'open', amountFen: 1_000_000n, fundedFen: 0n }]);
    expect((await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM idempotency_keys WHERE scope = 'bid:x'`)).rows[0]!.n).toBe(3);
    // No keys (auto-invest bids carry none): the listings are still read.
    expect((await db.transaction((tx) => claimKeysAndReadListings(tx, [], [listing]))).snapshot).toHaveLength(1);
  });

  it('lock the listings and the accounts until commit, and read balances and exposure exactly', async () => {
    const db = database.current.db;
    const [borrower, investor, other] = await seedUsers(db, clock, 3, { label: 'lock' });
    await seedInvestorProfiles(db, [investor!, other!]);
    await fundUsers(db, clock, [investor!, other!], [5_000_000n, 700_000n]);
    const listing = await seedListing(db, clock, { borrowerId: borrower!, amountFen: 2_000_000n });
    await db.insert(disclosureOpenings).values({ listingId: listing, investorId: investor!, disclosuresHash: 'x', openedAt: clock.now() });
    await placeBid({ db, clock, marketplace: marketplaceConfig({ diversificationMinPortfolioFen: 10n ** 15n }) }, { investorId: investor!, listingId: listing, amount: '3000.00', idempotencyKey: 'lock-bid-0001' });

    let outsideLock: unknown;
    const locked = await db.transaction(async (tx) => {
      const read = await lockBidBatch(tx, [listing], [investor!, other!].sort());
      // Another connection cannot take the same rows while this transaction holds them.
      outsideLock = await db
        .transaction((other) => other.execute(sql`SELECT 1 FROM listings WHERE id = ${listing} FOR UPDATE NOWAIT`))
        .then(() => 'acquired', (error: { cause?: { code?: string }; code?: string }) => error.cause?.code ?? error.code);
      return read;
    });
    expect(outsideLock).toBe('55P03'); // lock_not_available
    expect(locked.listings).toEqual([{ id: listing, status: 'open', amountFen: 2_000_000n, fundedFen: 300_000n, closesOn: expect.any(String), borrowerId: borrower! }]);
    expect(locked.availableFen.get(investor!)).toBe(4_700_000n); // 50,000 less the 3,000 held
    expect(locked.availableFen.get(other!)).toBe(700_000n);
    expect(locked.exposure.get(investor!)).toEqual({ totalFen: 300_000n, byListingFen: new Map([[listing, 300_000n]]), byBorrowerFen: new Map([[borrower!, 300_000n]]) });
    expect(locked.exposure.get(other!)!.totalFen).toBe(0n);
  });
});
