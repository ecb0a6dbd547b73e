import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { depositFunds, getBalances, getUserBalances, openPlatformCustody, payFee, PLATFORM_FEE, requestOneTimeCode, SimulatedCustodianBank, verifyLedger, type AuthorisedMovement } from '../index';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
let seq = 0;
const next = (label: string) => `${label}-${(seq += 1)}-abcdefgh`;

function setup() {
  const bank = new SimulatedCustodianBank({ db: database.current.db, clock });
  return { deps: { db: database.current.db, clock, bank }, bank };
}
type Deps = ReturnType<typeof setup>['deps'];

async function code(deps: Deps, userId: string, movement: AuthorisedMovement, amountFen: bigint) {
  const challenge = await requestOneTimeCode(deps, { userId, movement, amountFen });
  const sms = await deps.bank.peekOneTimeCode(challenge.challengeId);
  return { challengeId: challenge.challengeId, oneTimeCode: sms!.code };
}

async function funded(deps: Deps, amountFen: bigint): Promise<string> {
  const userId = next('user');
  await openPlatformCustody(deps);
  await depositFunds(deps, { userId, amountFen, idempotencyKey: next('dep'), ...(await code(deps, userId, 'deposit', amountFen)) });
  return userId;
}

const feeBalance = async (deps: Deps) => (await getBalances(deps.db, [PLATFORM_FEE]))[0]!.postedFen;

describe('payFee: a user pays the platform a fee with their one-time code (REQUIREMENTS 20)', () => {
  it('moves the money at the bank and in the ledger once per key, with the bank’s value time', async () => {
    const { deps, bank } = setup();
    const userId = await funded(deps, 10_000n);
    const feeBefore = await feeBalance(deps);
    const key = next('fee');
    const auth = await code(deps, userId, 'fee', 1_500n);
    const paid = await payFee(deps, { userId, amountFen: 1_500n, idempotencyKey: key, reference: 'membership:2026', ...auth });
    expect(paid).toMatchObject({ status: 'created', amountFen: 1_500n });
    expect(paid.bankReference).toBeTruthy();
    expect(await getUserBalances(deps.db, userId)).toMatchObject({ availableFen: 8_500n, pendingOutFen: 0n });
    expect(await feeBalance(deps)).toBe(feeBefore + 1_500n);
    expect((await bank.accountByHolder('user', userId))?.balanceFen).toBe(8_500n);
    // A replay (same key, same request) returns the first result and moves nothing.
    const again = await payFee(deps, { userId, amountFen: 1_500n, idempotencyKey: key, reference: 'membership:2026', ...auth });
    expect(again).toMatchObject({ transferId: paid.transferId, status: 'replayed', bankReference: paid.bankReference });
    await expect(payFee(deps, { userId, amountFen: 1_600n, idempotencyKey: key, reference: 'membership:2026', ...auth })).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    expect((await getUserBalances(deps.db, userId)).availableFen).toBe(8_500n);
    expect((await verifyLedger(deps.db)).ok).toBe(true);
  });

  it('needs the user’s code for this payment: a wrong code or a code for another movement is refused and releases the reservation', async () => {
    const { deps, bank } = setup();
    const userId = await funded(deps, 10_000n);
    const auth = await code(deps, userId, 'fee', 1_000n);
    const wrong = auth.oneTimeCode === '000000' ? '111111' : '000000';
    const key = next('fee');
    await expect(payFee(deps, { userId, amountFen: 1_000n, idempotencyKey: key, challengeId: auth.challengeId, oneTimeCode: wrong })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await getUserBalances(deps.db, userId)).toMatchObject({ availableFen: 10_000n, pendingOutFen: 0n });
    // The refused key stays refused; a new key with the right code goes through.
    await expect(payFee(deps, { userId, amountFen: 1_000n, idempotencyKey: key, ...auth })).rejects.toMatchObject({ code: 'CONFLICT' });
    const withdrawalCode = await code(deps, userId, 'withdrawal', 1_000n);
    await expect(payFee(deps, { userId, amountFen: 1_000n, idempotencyKey: next('fee'), ...withdrawalCode })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await payFee(deps, { userId, amountFen: 1_000n, idempotencyKey: next('fee'), ...auth });
    expect((await bank.accountByHolder('user', userId))?.balanceFen).toBe(9_000n);
    expect((await getUserBalances(deps.db, userId)).availableFen).toBe(9_000n);
  });

  it('refuses an overdraft before the bank is asked, and completes after a timeout on retry', async () => {
    const { deps, bank } = setup();
    const userId = await funded(deps, 5_000n);
    await expect(payFee(deps, { userId, amountFen: 5_001n, idempotencyKey: next('fee'), ...(await code(deps, userId, 'fee', 5_001n)) })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect((await bank.accountByHolder('user', userId))?.balanceFen).toBe(5_000n);
    const key = next('fee');
    const auth = await code(deps, userId, 'fee', 2_000n);
    bank.faults.inject('timeout');
    await expect(payFee(deps, { userId, amountFen: 2_000n, idempotencyKey: key, ...auth })).rejects.toMatchObject({ code: 'TIMEOUT' });
    // The reservation holds the money while the outcome is unknown.
    expect(await getUserBalances(deps.db, userId)).toMatchObject({ availableFen: 3_000n, pendingOutFen: 2_000n });
    expect((await payFee(deps, { userId, amountFen: 2_000n, idempotencyKey: key, ...auth })).status).toBe('created');
    expect(await getUserBalances(deps.db, userId)).toMatchObject({ availableFen: 3_000n, pendingOutFen: 0n, totalFen: 3_000n });
    expect((await bank.accountByHolder('user', userId))?.balanceFen).toBe(3_000n);
    expect((await verifyLedger(deps.db)).ok).toBe(true);
  });
});
