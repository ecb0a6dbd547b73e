import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectDatabase } from '../../db/client';
import { bids, disclosureOpenings, idempotencyKeys, ledgerTransfers, listings } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { BidBatcher } from './bid-batcher';
import { marketplaceConfig } from './config';
import { fundUsers, seedInvestorProfiles, seedListing, seedUsers } from './testing/seed';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');

/** Deterministic PRNG (mulberry32) so a failing seed can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('funding under concurrency', () => {
  it('1,000 racing bids never over-fund a listing over-subscribed three times', async () => {
    const db = database.current.db;
    const [borrower] = await seedUsers(db, clock, 1, { label: 'borrower' });
    const investors = await seedUsers(db, clock, 200, { label: 'inv' });
    await seedInvestorProfiles(db, investors);
    // Some investors cannot cover their bids, so INSUFFICIENT_FUNDS refusals race too.
    await fundUsers(db, clock, investors, investors.map((_, i) => (i % 10 === 0 ? 3_000n : 2_000_000n)));
    // Separate connections: 40 transactions in flight at once, one bid each.
    const racers = connectDatabase(database.current.url, { max: 40, applicationName: 'race' });
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
          const random = rng(seed);
          const requests = Array.from({ length: 1000 }, () => ({
            investorId: investors[Math.floor(random() * investors.length)]!,
            requestedFen: BigInt(5_000 + Math.floor(random() * 20_000)),
          }));
          const total = requests.reduce((a, r) => a + r.requestedFen, 0n);
          const targetFen = total / 3n;
          const listingId = await seedListing(db, clock, { borrowerId: borrower!, amountFen: targetFen });
          await db.insert(disclosureOpenings).values(investors.map((investorId) => ({ listingId, investorId, disclosuresHash: 'x', openedAt: clock.now() })));
          const batcher = new BidBatcher({ db: racers.db, clock, marketplace: marketplaceConfig() }, { maxBatch: 1, maxInFlight: 40 });
          const transfersBefore = (await db.select({ n: sql<number>`count(*)::int` }).from(ledgerTransfers))[0]!.n;
          const outcomes = await Promise.all(
            requests.map((r, i) =>
              batcher.submit({
                bidId: newId('bid', clock),
                listingId,
                investorId: r.investorId,
                requestedFen: r.requestedFen,
                source: 'manual',
                idempotency: { scope: `bid:${r.investorId}`, key: `race-${seed}-${i}`, requestHash: `h${i}` },
              }),
            ),
          );
          const accepted = outcomes.filter((o) => o.ok);
          const refused = outcomes.filter((o) => !o.ok);
          const [listing] = await db.select().from(listings).where(eq(listings.id, listingId));
          expect(listing!.fundedFen).toBe(targetFen);
          expect(listing!.status).toBe('funded');
          const rows = await db.select().from(bids).where(eq(bids.listingId, listingId));
          expect(rows.length).toBe(accepted.length);
          expect(rows.reduce((a, b) => a + b.amountFen, 0n)).toBe(targetFen);
          // Ledger: the escrow's incoming holds equal the target; every hold has its bid.
          const escrow = await db.execute(sql`SELECT credits_pending_fen AS p FROM ledger_accounts WHERE owner_kind = 'listing' AND owner_id = ${listingId}`);
          expect((escrow.rows[0] as { p: bigint }).p).toBe(targetFen);
          const negative = await db.execute(sql`SELECT count(*)::int AS n FROM ledger_accounts WHERE owner_kind = 'user' AND credits_posted_fen - debits_posted_fen - debits_pending_fen < 0`);
          expect((negative.rows[0] as { n: number }).n).toBe(0);
          // Refused bids changed nothing: no transfer, no bid row, no idempotency key.
          const transfersAfter = (await db.select({ n: sql<number>`count(*)::int` }).from(ledgerTransfers))[0]!.n;
          expect(transfersAfter - transfersBefore).toBe(accepted.length);
          const keys = await db.select({ n: sql<number>`count(*)::int` }).from(idempotencyKeys).where(sql`${idempotencyKeys.key} LIKE ${`race-${seed}-%`}`);
          expect(keys[0]!.n).toBe(accepted.length);
          expect(refused.length).toBeGreaterThan(0);
          expect(refused.every((o) => !o.ok && ['BUSINESS_RULE', 'INSUFFICIENT_FUNDS'].includes(o.error.code))).toBe(true);
        }),
        { numRuns: 2 },
      );
    } finally {
      await racers.close();
    }
  }, 60_000);
});
