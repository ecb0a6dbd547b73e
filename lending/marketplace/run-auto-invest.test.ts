import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { autoInvestMandates, bids } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { gradeMatches } from './auto-invest-policy';
import { marketplaceConfig } from './config';
import { createAutoInvestMandate } from './create-auto-invest-mandate';
import type { MandateBody } from './mandate-input';
import { revokeAutoInvestMandate } from './revoke-auto-invest-mandate';
import { runAutoInvest } from './run-auto-invest';
import { fundUsers, seedInvestorProfiles, seedListing, seedUsers } from './testing/seed';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
const marketplace = marketplaceConfig();
let keySeq = 0;

const mandate = (overrides: Partial<MandateBody> = {}): MandateBody => ({ grades: ['B'], termsMonths: [12], minAprBps: 1_000, amountPerLoan: '100.00', totalBudget: '1000.00', maxBorrowerShareBps: 10_000, ...overrides });

async function investors(n: number) {
  const db = database.current.db;
  const ids = await seedUsers(db, clock, n, { label: 'ai' });
  await seedInvestorProfiles(db, ids);
  await fundUsers(db, clock, ids, ids.map(() => 10_000_000n));
  return ids;
}

async function grant(investorId: string, body: MandateBody) {
  const deps = { db: database.current.db, clock, marketplace };
  keySeq += 1;
  return (await createAutoInvestMandate(deps, { investorId, idempotencyKey: `mandate-key-${keySeq}`, body })).body;
}

async function autoBids(listingId: string) {
  return database.current.db.select().from(bids).where(eq(bids.listingId, listingId)).orderBy(bids.createdAt, bids.id);
}

describe('runAutoInvest', () => {
  it('serves only matching active mandates, inside their parameters, once per listing', async () => {
    const db = database.current.db;
    const deps = { db, clock, marketplace };
    const [borrower] = await seedUsers(db, clock, 1, { label: 'b' });
    const [a, b, c, d] = await investors(4);
    const m1 = await grant(a!, mandate());
    const mGrade = await grant(b!, mandate({ grades: ['A', 'C3'] }));
    const mRevoked = await grant(c!, mandate());
    const m4 = await grant(d!, mandate({ amountPerLoan: '200.00' }));
    await revokeAutoInvestMandate(deps, { investorId: c!, mandateId: mRevoked.id });
    const listingId = await seedListing(db, clock, { borrowerId: borrower!, amountFen: 25_000n, grade: 'B3', termMonths: 12, aprBps: 1_200 });

    const run = await runAutoInvest(deps, { listingId });
    expect(run.placed.map((p) => [p.mandateId, p.amountFen])).toEqual([
      [m1.id, '10000'],
      // The last piece: 150 CNY of the 200 asked (never more than the mandate's amount per loan).
      [m4.id, '15000'],
    ]);
    expect(run.skipped).toContainEqual({ mandateId: mGrade.id, reason: 'GRADE' });
    expect(run.skipped.map((s) => s.mandateId)).not.toContain(mRevoked.id);
    const placed = await autoBids(listingId);
    expect(placed.map((p) => [p.investorId, p.source, p.mandateId])).toEqual([
      [a, 'auto', m1.id],
      [d, 'auto', m4.id],
    ]);
    // Idempotent per listing: a second run replays and bids nothing.
    const again = await runAutoInvest(deps, { listingId });
    expect(again).toMatchObject({ replayed: true, placed: run.placed });
    expect(await autoBids(listingId)).toHaveLength(2);
    const [stored] = await db.select().from(autoInvestMandates).where(eq(autoInvestMandates.id, m4.id));
    expect(stored!.spentFen).toBe(15_000n);
  });

  it('round-robins by least recently served and stops at the budget and the per-borrower cap', async () => {
    const db = database.current.db;
    const deps = { db, clock, marketplace };
    const borrowers = await seedUsers(db, clock, 2, { label: 'b' });
    const [a, b, c] = await investors(3);
    const mA = await grant(a!, mandate({ grades: ['D'], totalBudget: '150.00' }));
    const mB = await grant(b!, mandate({ grades: ['D'] }));
    // At most 20% of 1,000 CNY (200 CNY) in one borrower.
    const mC = await grant(c!, mandate({ grades: ['D'], maxBorrowerShareBps: 2_000 }));
    const served: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      clock.advanceMs(60_000);
      const listingId = await seedListing(db, clock, { borrowerId: borrowers[0]!, amountFen: 10_000n, grade: 'D1', termMonths: 12, aprBps: 1_500 });
      const run = await runAutoInvest(deps, { listingId });
      served.push(...run.placed.map((p) => p.mandateId));
    }
    // Listings 1–3: A, B, C in turn. 4: A has only 50 CNY of budget left, B takes the other half.
    // 5: C. 6: A is skipped (budget used), B. 7: A skipped, C skipped (200 CNY in this borrower
    // is its 20% cap), B.
    expect(served).toEqual([mA.id, mB.id, mC.id, mA.id, mB.id, mC.id, mB.id, mB.id]);
    const all = await db.select().from(bids).where(eq(bids.source, 'auto'));
    const spent = (id: string) => all.filter((x) => x.mandateId === id).reduce((s, x) => s + x.amountFen, 0n);
    expect(spent(mA.id)).toBe(15_000n);
    expect(spent(mC.id)).toBe(20_000n);
  });

  it('never places a bid outside its mandate (random mandates and listings)', async () => {
    const db = database.current.db;
    const deps = { db, clock, marketplace };
    const borrowers = await seedUsers(db, clock, 3, { label: 'b' });
    const ids = await investors(8);
    // A fixed pseudo-random sequence keeps the test reproducible.
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    const letters = ['A', 'B', 'C', 'D', 'E'];
    const mandates = [];
    for (const id of ids) {
      mandates.push(
        await grant(id, {
          grades: [letters[rnd(5)]!, `${letters[rnd(5)]}${1 + rnd(5)}`],
          termsMonths: [[6, 12, 24][rnd(3)]!],
          minAprBps: 600 + rnd(1_000),
          amountPerLoan: `${50 + rnd(300)}.${String(rnd(100)).padStart(2, '0')}`,
          totalBudget: `${400 + rnd(800)}.00`,
          maxBorrowerShareBps: 2_500 + rnd(7_500),
        }),
      );
    }
    for (let i = 0; i < 25; i += 1) {
      clock.advanceMs(1_000);
      const listingId = await seedListing(db, clock, { borrowerId: borrowers[rnd(3)]!, amountFen: BigInt(20_000 + rnd(150_000)), grade: `${letters[rnd(5)]}${1 + rnd(5)}`, termMonths: [6, 12, 24][rnd(3)]!, aprBps: 600 + rnd(1_200) });
      await runAutoInvest(deps, { listingId });
    }
    const placed = await db.select().from(bids).where(eq(bids.source, 'auto'));
    expect(placed.length).toBeGreaterThan(5);
    for (const m of mandates) {
      const mine = placed.filter((p) => p.mandateId === m.id);
      const total = mine.reduce((s, p) => s + p.amountFen, 0n);
      expect(total <= BigInt(m.totalBudgetFen)).toBe(true);
      const byBorrower = new Map<string, bigint>();
      for (const p of mine) {
        const [l] = await db.execute(`SELECT grade, term_months, apr_bps FROM listings WHERE id = '${p.listingId}'`).then((r) => r.rows as Array<{ grade: string; term_months: number; apr_bps: number }>);
        expect(gradeMatches(m.grades, l!.grade)).toBe(true);
        expect(m.termsMonths).toContain(l!.term_months);
        expect(l!.apr_bps).toBeGreaterThanOrEqual(m.minAprBps);
        expect(p.amountFen <= BigInt(m.amountPerLoanFen)).toBe(true);
        byBorrower.set(p.borrowerId, (byBorrower.get(p.borrowerId) ?? 0n) + p.amountFen);
      }
      for (const fen of byBorrower.values()) expect(fen * 10_000n <= BigInt(m.totalBudgetFen) * BigInt(m.maxBorrowerShareBps)).toBe(true);
    }
  });
});
