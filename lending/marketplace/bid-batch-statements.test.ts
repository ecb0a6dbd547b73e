import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bids, disclosureOpenings, idempotencyKeys } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { openBidBatch } from './open-bid-batch';
import { marketplaceConfig } from './config';
import { placeBid } from './place-bid';
import { BidBatcher } from './bid-batcher';
import { newId } from '../../kernel/ids';
import { fundUsers, seedInvestorProfiles, seedListing, seedUsers } from './testing/seed';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');

describe("a bid batch's merged statements", () => {
  it('claim only keys not yet present and read the gate facts of every bid', async () => {
    const db = database.current.db;
    const [borrower, investor, newcomer] = await seedUsers(db, clock, 3, { label: 'claim' });
    await seedInvestorProfiles(db, [investor!]);
    const listing = await seedListing(db, clock, { borrowerId: borrower!, amountFen: 1_000_000n });
    await db.insert(disclosureOpenings).values({ listingId: listing, investorId: investor!, disclosuresHash: 'x', openedAt: clock.now() });
    await db.insert(idempotencyKeys).values({ scope: 'bid:x', key: 'taken-0001', requestHash: 'h', createdAt: clock.now() });
    const keys = ['taken-0001', 'fresh-0001', 'fresh-0002'].map((key) => ({ scope: 'bid:x', key, requestHash: 'h', createdAt: clock.now() }));
    const pairs = [
      { investorId: investor!, listingId: listing },
      { investorId: investor!, listingId: listing },
      { investorId: newcomer!, listingId: listing },
      { investorId: 'usr_missing', listingId: 'lst_missing' },
    ];
    const result = await db.transaction((tx) => openBidBatch(tx, keys, pairs));
    expect([...result.claimed.keys()].sort()).toEqual(['bid:x\u0000fresh-0001', 'bid:x\u0000fresh-0002']);
    expect([...result.claimed.values()].every((ctid) => /^\(\d+,\d+\)$/.test(ctid))).toBe(true);
    expect([...result.listings.values()]).toEqual([{ id: listing, status: 'open', grade: expect.any(String), borrowerId: borrower!, amountFen: 1_000_000n, fundedFen: 0n, closesOn: expect.any(String) }]);
    expect(result.investors.get(investor!)).toEqual({ verified: true, relatedParty: false, profile: { tier: 'aggressive', acknowledgmentVersion: '2026-01', netInvestableAssetsFen: 100_000_000n, assetGuardEnabled: false } });
    expect(result.investors.get(newcomer!)).toEqual({ verified: true, relatedParty: false, profile: null });
    expect(result.investors.get('usr_missing')).toEqual({ verified: false, relatedParty: false, profile: null });
    expect([...result.opened]).toEqual([`${investor!}\u0000${listing}`]);
    expect(result.fundingFrozen).toBe(false);
    expect((await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM idempotency_keys WHERE scope = 'bid:x'`)).rows[0]!.n).toBe(3);
    // No keys (auto-invest bids carry none): the rest is still read.
    expect((await db.transaction((tx) => openBidBatch(tx, [], [{ investorId: investor!, listingId: listing }]))).listings.size).toBe(1);
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
      const read = await openBidBatch(tx, [], [{ investorId: investor!, listingId: listing }, { investorId: other!, listingId: listing }]);
      // Another connection cannot take the same rows while this transaction holds them.
      outsideLock = await db
        .transaction((other) => other.execute(sql`SELECT 1 FROM listings WHERE id = ${listing} FOR UPDATE NOWAIT`))
        .then(() => 'acquired', (error: { cause?: { code?: string }; code?: string }) => error.cause?.code ?? error.code);
      return read;
    });
    expect(outsideLock).toBe('55P03'); // lock_not_available
    expect([...locked.listings.values()]).toEqual([{ id: listing, status: 'open', grade: expect.any(String), amountFen: 2_000_000n, fundedFen: 300_000n, closesOn: expect.any(String), borrowerId: borrower! }]);
    expect(locked.availableFen.get(investor!)).toBe(4_700_000n); // 50,000 less the 3,000 held
    expect(locked.availableFen.get(other!)).toBe(700_000n);
    expect(locked.exposure.get(investor!)).toEqual({ totalFen: 300_000n, byListingFen: new Map([[listing, 300_000n]]), byBorrowerFen: new Map([[borrower!, 300_000n]]) });
    expect(locked.exposure.get(other!)!.totalFen).toBe(0n);
  });

  it('store each accepted bid\'s response under its own key and drop the refused keys, in one batch', async () => {
    const db = database.current.db;
    const [borrower, ...investors] = await seedUsers(db, clock, 6, { label: 'batch' });
    await seedInvestorProfiles(db, investors);
    await fundUsers(db, clock, investors, [500_000n, 500_000n, 500_000n, 1_000n, 500_000n]); // the 4th cannot cover 100 CNY
    const listing = await seedListing(db, clock, { borrowerId: borrower!, amountFen: 1_000_000n });
    await db.insert(disclosureOpenings).values(investors.map((investorId) => ({ listingId: listing, investorId, disclosuresHash: 'x', openedAt: clock.now() })));
    const batcher = new BidBatcher({ db, clock, marketplace: marketplaceConfig() }, { maxBatch: 50, maxInFlight: 1 });
    const submit = (investorId: string, n: number) =>
      batcher.submit({ bidId: newId('bid', clock), listingId: listing, investorId, requestedFen: BigInt(10_000 * (n + 1)), source: 'auto', idempotency: { scope: `bid:${investorId}`, key: `batch-key-${n}`, requestHash: `h${n}` } });
    // All five arrive together: the first goes alone, the other four in one transaction.
    const first = await Promise.all(investors.map((investorId, n) => submit(investorId, n)));
    expect(first.map((o) => o.ok)).toEqual([true, true, true, false, true]);
    const again = await Promise.all(investors.map((investorId, n) => submit(investorId, n)));
    again.forEach((o, n) => {
      if (n === 3) return expect(o).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } }); // refused again: its key was dropped, not kept
      expect(o).toMatchObject({ ok: true, replayed: true, bid: { bidId: (first[n] as { bid: { bidId: string } }).bid.bidId, amountFen: String(10_000 * (n + 1)) } });
    });
    expect((await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE 'batch-key-%'`)).rows[0]!.n).toBe(4);
  });

  it('read the exposure after the locks: a bid committed while this batch waited for an account counts', async () => {
    const db = database.current.db;
    const [borrower, investor] = await seedUsers(db, clock, 2, { label: 'race' });
    await seedInvestorProfiles(db, [investor!]);
    await fundUsers(db, clock, [investor!], [5_000_000n]);
    const [listingA, listingB] = [await seedListing(db, clock, { borrowerId: borrower!, amountFen: 2_000_000n }), await seedListing(db, clock, { borrowerId: borrower!, amountFen: 2_000_000n })];
    // Another batch holds the investor's account and has written a bid on listing A, not yet committed.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const other = db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM ledger_accounts WHERE owner_kind = 'user' AND owner_id = ${investor!} AND purpose = 'available' FOR UPDATE`);
      await tx.insert(bids).values({ id: newId('bid', clock), listingId: listingA, investorId: investor!, borrowerId: borrower!, requestedFen: 300_000n, amountFen: 300_000n, holdTransferId: 'tr_x', status: 'held', source: 'manual', createdAt: clock.now() });
      holding();
      await released;
    });
    await held;
    // This batch (a bid on listing B) waits for the account, then reads.
    const reading = db.transaction((tx) => openBidBatch(tx, [], [{ investorId: investor!, listingId: listingB }]));
    for (let waited = 0; ; waited += 1) {
      const waiting = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
      if (waiting.rows[0]!.n > 0) break;
      if (waited > 1000) throw new Error('the batch never waited for the account lock');
      await new Promise((r) => setTimeout(r, 10));
    }
    release();
    await other;
    const locked = await reading;
    expect(locked.exposure.get(investor!)!.totalFen).toBe(300_000n);
    expect(locked.exposure.get(investor!)!.byListingFen.get(listingA)).toBe(300_000n);
  });
});
