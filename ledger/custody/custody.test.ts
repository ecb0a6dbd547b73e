import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { majorEvents, reconciliationIncidents } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import {
  assertFundingNotFrozen,
  createPendingTransfer,
  depositFunds,
  dispatchCustodyInstructions,
  getUserBalances,
  listingEscrow,
  openCustodyAccount,
  openPlatformCustody,
  postPendingTransfer,
  reconcileDay,
  requestOneTimeCode,
  resolveReconciliationIncident,
  SimulatedCustodianBank,
  userAvailable,
  verifyLedger,
  withdrawFunds,
  type AuthorisedMovement,
} from '../index';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
let seq = 0;
const next = (label: string) => `${label}-${(seq += 1)}-abcdefgh`;

function setup() {
  const bank = new SimulatedCustodianBank({ db: database.current.db, clock });
  return { deps: { db: database.current.db, clock, bank }, bank };
}

async function code(deps: ReturnType<typeof setup>['deps'], userId: string, movement: AuthorisedMovement, amountFen: bigint) {
  const challenge = await requestOneTimeCode(deps, { userId, movement, amountFen });
  const sms = await deps.bank.peekOneTimeCode(challenge.challengeId);
  return { challengeId: challenge.challengeId, oneTimeCode: sms!.code };
}

async function funded(deps: ReturnType<typeof setup>['deps'], amountFen: bigint): Promise<string> {
  const userId = next('user');
  await openPlatformCustody(deps);
  await depositFunds(deps, { userId, amountFen, idempotencyKey: next('dep'), ...(await code(deps, userId, 'deposit', amountFen)) });
  return userId;
}

describe('custody flows against the simulated bank', () => {
  it('deposits only with the right one-time code, once per key', async () => {
    const { deps, bank } = setup();
    const userId = next('user');
    const auth = await code(deps, userId, 'deposit', 50_000n);
    const key = next('dep');
    await expect(depositFunds(deps, { userId, amountFen: 50_000n, idempotencyKey: key, challengeId: auth.challengeId, oneTimeCode: auth.oneTimeCode === '000000' ? '111111' : '000000' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getUserBalances(deps.db, userId)).totalFen).toBe(0n);
    // A code issued for another amount is refused too.
    await expect(depositFunds(deps, { userId, amountFen: 50_001n, idempotencyKey: next('dep'), ...auth })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const first = await depositFunds(deps, { userId, amountFen: 50_000n, idempotencyKey: key, ...auth });
    const replay = await depositFunds(deps, { userId, amountFen: 50_000n, idempotencyKey: key, ...auth });
    expect(replay).toMatchObject({ transferId: first.transferId, status: 'replayed' });
    await expect(depositFunds(deps, { userId, amountFen: 60_000n, idempotencyKey: key, ...auth })).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    expect((await getUserBalances(deps.db, userId)).availableFen).toBe(50_000n);
    expect((await bank.accountByHolder('user', userId))?.balanceFen).toBe(50_000n);
  });

  it('completes a deposit whose answer was lost, and books a duplicate delivery once', async () => {
    const { deps, bank } = setup();
    const userId = next('user');
    const key = next('dep');
    const auth = await code(deps, userId, 'deposit', 7_000n);
    bank.faults.inject('timeout_after_execute');
    await expect(depositFunds(deps, { userId, amountFen: 7_000n, idempotencyKey: key, ...auth })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect((await getUserBalances(deps.db, userId)).availableFen).toBe(0n);
    expect((await bank.accountByHolder('user', userId))?.balanceFen).toBe(7_000n);
    await depositFunds(deps, { userId, amountFen: 7_000n, idempotencyKey: key, ...auth });
    expect((await getUserBalances(deps.db, userId)).availableFen).toBe(7_000n);
    bank.faults.inject('duplicate_delivery');
    await depositFunds(deps, { userId, amountFen: 3_000n, idempotencyKey: next('dep'), ...(await code(deps, userId, 'deposit', 3_000n)) });
    expect((await bank.accountByHolder('user', userId))?.balanceFen).toBe(10_000n);
    expect((await getUserBalances(deps.db, userId)).availableFen).toBe(10_000n);
  });

  it('withdraws with a reservation: refused overdraft, timeout then retry, rejection releases', async () => {
    const { deps, bank } = setup();
    const userId = await funded(deps, 10_000n);
    await expect(withdrawFunds(deps, { userId, amountFen: 10_001n, idempotencyKey: next('wd'), ...(await code(deps, userId, 'withdrawal', 10_001n)) })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    const key = next('wd');
    const auth = await code(deps, userId, 'withdrawal', 4_000n);
    bank.faults.inject('timeout');
    await expect(withdrawFunds(deps, { userId, amountFen: 4_000n, idempotencyKey: key, ...auth })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(await getUserBalances(deps.db, userId)).toMatchObject({ availableFen: 6_000n, pendingOutFen: 4_000n });
    const done = await withdrawFunds(deps, { userId, amountFen: 4_000n, idempotencyKey: key, ...auth });
    expect(done.status).toBe('created');
    expect((await withdrawFunds(deps, { userId, amountFen: 4_000n, idempotencyKey: key, ...auth })).status).toBe('replayed');
    expect(await getUserBalances(deps.db, userId)).toMatchObject({ availableFen: 6_000n, pendingOutFen: 0n, totalFen: 6_000n });
    expect((await bank.accountByHolder('user', userId))?.balanceFen).toBe(6_000n);

    const rejectedKey = next('wd');
    const auth2 = await code(deps, userId, 'withdrawal', 1_000n);
    bank.faults.inject('reject');
    await expect(withdrawFunds(deps, { userId, amountFen: 1_000n, idempotencyKey: rejectedKey, ...auth2 })).rejects.toMatchObject({ code: 'BUSINESS_RULE' });
    expect(await getUserBalances(deps.db, userId)).toMatchObject({ availableFen: 6_000n, pendingOutFen: 0n });
    await expect(withdrawFunds(deps, { userId, amountFen: 1_000n, idempotencyKey: rejectedKey, ...auth2 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await verifyLedger(deps.db)).ok).toBe(true);
  });

  it('mirrors a bid hold at the bank as a freeze, settles it, and reconciles the day clean', async () => {
    const { deps, bank } = setup();
    const investor = await funded(deps, 20_000n);
    const listingId = next('listing');
    await openCustodyAccount(deps, { ownerKind: 'listing', ownerId: listingId });
    const hold = await createPendingTransfer(deps.db, clock, { idempotencyKey: next('bid'), kind: 'bid_hold', debit: userAvailable(investor), credit: listingEscrow(listingId), amountFen: 8_000n, authorisation: { kind: 'bid_request', reference: 'bid-1' } });
    expect(await dispatchCustodyInstructions(deps)).toMatchObject({ executed: 1, rejected: 0 });
    expect(await bank.accountByHolder('user', investor)).toMatchObject({ balanceFen: 20_000n, frozenFen: 8_000n });
    await postPendingTransfer(deps.db, clock, { pendingId: hold.id, amountFen: 5_000n });
    await dispatchCustodyInstructions(deps);
    expect(await bank.accountByHolder('user', investor)).toMatchObject({ balanceFen: 15_000n, frozenFen: 0n });
    expect((await bank.accountByHolder('project', listingId))?.balanceFen).toBe(5_000n);
  });
});

describe('reconciliation', () => {
  it('reconciles clean, then catches a bank-side difference, freezes funding until resolved', async () => {
    const { deps, bank } = setup();
    const userId = await funded(deps, 30_000n);
    clock.set('2026-03-02T17:00:00Z'); // 01:00 on 3 March, China time
    const clean = await reconcileDay(deps, { businessDate: '2026-03-02' });
    expect(clean).toMatchObject({ mismatches: [], fundingFrozen: false, replayed: false });
    expect(clean.accountsCompared).toBeGreaterThan(2);
    await expect(reconcileDay(deps, { businessDate: '2026-03-03' })).rejects.toMatchObject({ code: 'VALIDATION' });

    const account = await bank.accountByHolder('user', userId);
    await bank.bookUnilaterally({ instructionId: 'bank-charge-1', accountNo: account!.accountNo, amountFen: -25n });
    const alerts: unknown[] = [];
    clock.set('2026-03-03T17:00:00Z');
    const dirty = await reconcileDay({ ...deps, alert: (a) => void alerts.push(a) }, { businessDate: '2026-03-03' });
    expect(dirty.mismatches).toEqual([{ accountNo: account!.accountNo, ledgerBalanceFen: 30_000n, bankBalanceFen: 29_975n, ledgerFrozenFen: 0n, bankFrozenFen: 0n }]);
    expect(alerts).toHaveLength(1);
    await expect(assertFundingNotFrozen(deps.db)).rejects.toMatchObject({ code: 'FUNDING_FROZEN' });
    const [event] = await deps.db.select().from(majorEvents);
    expect(event!.publishBy.getTime() - event!.occurredAt.getTime()).toBe(48 * 3_600_000);
    expect((await reconcileDay(deps, { businessDate: '2026-03-03' })).replayed).toBe(true);
    expect(await deps.db.select().from(reconciliationIncidents)).toHaveLength(1);

    const [incident] = await deps.db.select().from(reconciliationIncidents).where(eq(reconciliationIncidents.status, 'open'));
    await expect(resolveReconciliationIncident(deps, { incidentId: incident!.id, adminId: 'admin-1', resolution: 'short' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const resolved = await resolveReconciliationIncident(deps, { incidentId: incident!.id, adminId: 'admin-1', resolution: 'bank charge of 0.25 refunded by the custodian' });
    expect(resolved).toMatchObject({ fundingFrozen: false, incident: { status: 'resolved' } });
    await expect(assertFundingNotFrozen(deps.db)).resolves.toBeUndefined();
  });
});
