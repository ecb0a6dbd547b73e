import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/testing/fixture';
import { SimulatedClock } from '../kernel/clock';
import {
  createPendingTransfer,
  createTransfer,
  createTransfers,
  EXTERNAL_WORLD,
  getBalances,
  getUserBalances,
  listingEscrow,
  openAccounts,
  openPlatformAccounts,
  openUserAccounts,
  postPendingTransfer,
  simpleTransfer,
  userAvailable,
  verifyLedger,
  voidPendingTransfer,
} from './index';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
let seq = 0;
const key = (label: string) => `${label}-${(seq += 1)}`;

async function freshUser(depositFen = 0n): Promise<string> {
  const userId = `u${(seq += 1)}`;
  const { db } = database.current;
  await openPlatformAccounts(db, clock);
  await openUserAccounts(db, clock, userId);
  if (depositFen > 0n) {
    await createTransfer(db, clock, simpleTransfer({ idempotencyKey: key('dep'), kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable(userId), amountFen: depositFen, authorisation: { kind: 'one_time_code', reference: 'otp-test' }, custody: 'direct' }));
  }
  return userId;
}

const deposit = (userId: string, amountFen: bigint, idempotencyKey = key('dep')) =>
  simpleTransfer({ idempotencyKey, kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable(userId), amountFen, authorisation: { kind: 'one_time_code', reference: 'otp-test' }, custody: 'direct' });

describe('ledger transfers', () => {
  it('replays a key with the first result and refuses the same key with a different body', async () => {
    const { db } = database.current;
    const user = await freshUser();
    const first = await createTransfer(db, clock, deposit(user, 10_000n, 'same-key-1'));
    const again = await createTransfer(db, clock, deposit(user, 10_000n, 'same-key-1'));
    expect(again).toEqual({ ...first, status: 'replayed' });
    await expect(createTransfer(db, clock, deposit(user, 10_001n, 'same-key-1'))).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    expect((await getUserBalances(db, user)).availableFen).toBe(10_000n);
  });

  it('refuses an overdraft and writes nothing', async () => {
    const { db } = database.current;
    const user = await freshUser(5_000n);
    const before = await verifyLedger(db);
    const withdrawal = simpleTransfer({ idempotencyKey: key('wd'), kind: 'withdrawal', debit: userAvailable(user), credit: EXTERNAL_WORLD, amountFen: 5_001n, authorisation: { kind: 'one_time_code', reference: 'x' } });
    await expect(createTransfer(db, clock, withdrawal)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', message: expect.stringContaining(`user:${user}:available`) });
    const after = await verifyLedger(db);
    expect(after.transfers).toBe(before.transfers);
    expect(after.ok).toBe(true);
  });

  it('applies linked transfers all or nothing, in order', async () => {
    const { db } = database.current;
    const user = await freshUser();
    const spend = simpleTransfer({ idempotencyKey: key('wd'), kind: 'withdrawal', debit: userAvailable(user), credit: EXTERNAL_WORLD, amountFen: 300n, authorisation: { kind: 'one_time_code', reference: 'x' } });
    const tooMuch = { ...spend, idempotencyKey: key('wd'), postings: spend.postings.map((p) => ({ ...p, amountFen: 10_000n })) };
    await expect(createTransfers(db, clock, [deposit(user, 1_000n), spend, tooMuch])).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect((await getUserBalances(db, user)).totalFen).toBe(0n);
    // Order matters: spending before the deposit in the same batch is refused.
    await expect(createTransfers(db, clock, [spend, deposit(user, 1_000n)])).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    const ok = await createTransfers(db, clock, [deposit(user, 1_000n), spend]);
    expect(ok.map((r) => r.status)).toEqual(['created', 'created']);
    expect((await getUserBalances(db, user)).availableFen).toBe(700n);
  });

  it('reports failures one by one when not linked', async () => {
    const { db } = database.current;
    const user = await freshUser();
    const results = await createTransfers(
      db,
      clock,
      [deposit(user, 100n), simpleTransfer({ idempotencyKey: key('wd'), kind: 'withdrawal', debit: userAvailable(user), credit: EXTERNAL_WORLD, amountFen: 1_000n, authorisation: { kind: 'one_time_code', reference: 'x' } }), deposit(user, 50n)],
      { linked: false },
    );
    expect(results.map((r) => r.status)).toEqual(['created', 'failed', 'created']);
    expect(results[1]).toMatchObject({ error: { code: 'INSUFFICIENT_FUNDS' } });
    expect((await getUserBalances(db, user)).availableFen).toBe(150n);
  });

  it('holds, partly posts, and posts or voids a hold exactly once', async () => {
    const { db } = database.current;
    const user = await freshUser(10_000n);
    await openAccounts(db, clock, [listingEscrow('L1')]);
    const hold = await createPendingTransfer(db, clock, { idempotencyKey: key('bid'), kind: 'bid_hold', debit: userAvailable(user), credit: listingEscrow('L1'), amountFen: 6_000n, authorisation: { kind: 'bid_request', reference: 'bid-1' } });
    expect(await getUserBalances(db, user)).toMatchObject({ availableFen: 4_000n, pendingOutFen: 6_000n, totalFen: 10_000n });
    await expect(createPendingTransfer(db, clock, { idempotencyKey: key('bid'), kind: 'bid_hold', debit: userAvailable(user), credit: listingEscrow('L1'), amountFen: 4_001n, authorisation: { kind: 'bid_request', reference: 'bid-2' } })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    await expect(postPendingTransfer(db, clock, { pendingId: hold.id, amountFen: 6_001n })).rejects.toMatchObject({ code: 'VALIDATION' });
    const posted = await postPendingTransfer(db, clock, { pendingId: hold.id, amountFen: 5_000n });
    expect(posted.status).toBe('created');
    expect((await postPendingTransfer(db, clock, { pendingId: hold.id, amountFen: 5_000n })).status).toBe('replayed');
    await expect(voidPendingTransfer(db, clock, { pendingId: hold.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(postPendingTransfer(db, clock, { pendingId: hold.id, idempotencyKey: key('other') })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await getUserBalances(db, user)).toMatchObject({ availableFen: 5_000n, pendingOutFen: 0n, totalFen: 5_000n });
    const [escrow] = await getBalances(db, [listingEscrow('L1')]);
    expect(escrow).toMatchObject({ postedFen: 5_000n, creditsPendingFen: 0n });
    const hold2 = await createPendingTransfer(db, clock, { idempotencyKey: key('bid'), kind: 'bid_hold', debit: userAvailable(user), credit: listingEscrow('L1'), amountFen: 1_000n, authorisation: { kind: 'bid_request', reference: 'bid-3' } });
    expect((await voidPendingTransfer(db, clock, { pendingId: hold2.id })).status).toBe('created');
    await expect(postPendingTransfer(db, clock, { pendingId: hold2.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await getUserBalances(db, user)).availableFen).toBe(5_000n);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('lets exactly one of a concurrent post and void win, on separate connections', async () => {
    const { db } = database.current;
    const user = await freshUser(1_000n);
    await openAccounts(db, clock, [listingEscrow('L2')]);
    for (let round = 0; round < 5; round += 1) {
      const hold = await createPendingTransfer(db, clock, { idempotencyKey: key('bid'), kind: 'bid_hold', debit: userAvailable(user), credit: listingEscrow('L2'), amountFen: 10n, authorisation: { kind: 'bid_request', reference: `b${round}` } });
      const outcomes = await Promise.allSettled([postPendingTransfer(db, clock, { pendingId: hold.id }), voidPendingTransfer(db, clock, { pendingId: hold.id })]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('keeps entries and transfers append-only', async () => {
    const { db } = database.current;
    await freshUser(100n);
    // drizzle wraps the driver's error; the trigger's message is on the cause.
    const refusal = (query: Promise<unknown>) => query.then(() => 'allowed', (error: { cause?: Error }) => error.cause?.message ?? String(error));
    expect(await refusal(db.execute(sql`UPDATE ledger_entries SET amount_fen = amount_fen + 1`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`DELETE FROM ledger_transfers`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`TRUNCATE ledger_entries`))).toMatch(/append-only/);
  });

  it('detects an unbalanced transfer and a tampered balance', async () => {
    const { db } = database.current;
    expect((await verifyLedger(db)).ok).toBe(true);
    await db.transaction(async (tx) => {
      const [acc] = (await tx.execute(sql`SELECT id FROM ledger_accounts WHERE purpose = 'available' LIMIT 1`)).rows as Array<{ id: bigint }>;
      await tx.execute(sql`INSERT INTO ledger_entries (transfer_id, account_id, is_credit, is_pending, amount_fen, created_at) VALUES ('tr_rogue', ${acc!.id}, true, false, 1, now())`);
      await tx.execute(sql`UPDATE ledger_accounts SET credits_posted_fen = credits_posted_fen + 7 WHERE id = (SELECT id FROM ledger_accounts WHERE purpose = 'fee' LIMIT 1)`);
      const report = await verifyLedger(tx);
      expect(report.ok).toBe(false);
      expect(report.unbalancedTransfers).toContain('tr_rogue');
      expect(report.accountMismatchCount).toBe(2);
      expect(report.totals.creditsPostedFen - report.totals.debitsPostedFen).toBe(1n);
      tx.rollback();
    }).catch((error: Error) => {
      if (!/rollback/i.test(error.message)) throw error;
    });
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});
