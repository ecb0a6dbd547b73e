import { AppError, isAppError } from '../../kernel/errors';
import { EXTERNAL_WORLD, userAvailable } from '../accounts';
import { findPendingResolution } from '../get-balances';
import { createPendingTransfer, postPendingTransfer, voidPendingTransfer } from '../pending-transfers';
import type { CustodyDeps } from './custody-deps';
import type { MovementInput, MovementResult } from './deposit-funds';
import { ensureUserCustody } from './open-custody-account';

/**
 * A withdrawal to the user's own card, in three idempotent steps on one key:
 * 1. the ledger reserves the amount (a pending transfer), so nothing else can spend it;
 * 2. the bank pays out with the user's one-time code;
 * 3. the ledger posts the reservation (the bank paid) or voids it (the bank refused).
 * A timeout leaves the reservation in place and throws TIMEOUT: retrying the same key asks
 * the bank again, which answers a duplicate with its first receipt, and then posts.
 */
export async function withdrawFunds(deps: CustodyDeps, input: MovementInput): Promise<MovementResult> {
  if (input.amountFen <= 0n) throw new AppError('VALIDATION', 'amount must be greater than zero', { field: 'amount' });
  const key = `withdrawal:${input.userId}:${input.idempotencyKey}`;
  const accountNo = await ensureUserCustody(deps, input.userId);
  const hold = await createPendingTransfer(deps.db, deps.clock, {
    idempotencyKey: key,
    kind: 'withdrawal',
    debit: userAvailable(input.userId),
    credit: EXTERNAL_WORLD,
    amountFen: input.amountFen,
    authorisation: { kind: 'one_time_code', reference: key },
    // The bank is not told about the reservation; it is told to pay out, in step 2.
    custody: 'direct',
  });
  if (hold.status === 'replayed') {
    const resolution = await findPendingResolution(deps.db, hold.id);
    if (resolution?.phase === 'post_pending') {
      return { transferId: resolution.id, status: 'replayed', amountFen: input.amountFen, bankReference: String((resolution.metadata as { bankReference?: string }).bankReference ?? '') || null };
    }
    if (resolution?.phase === 'void_pending') {
      const reason = (resolution.metadata as { reason?: string }).reason ?? 'refused';
      throw new AppError('CONFLICT', `this withdrawal was refused earlier (${reason}); start a new one with a new Idempotency-Key`);
    }
  }
  let receipt;
  try {
    receipt = await deps.bank.withdraw({
      instructionId: key,
      accountNo,
      amountFen: input.amountFen,
      authorisation: { kind: 'one_time_code', challengeId: input.challengeId, code: input.oneTimeCode },
    });
  } catch (error) {
    // A definite refusal releases the reservation; anything uncertain keeps it for the retry.
    if (isAppError(error) && !error.retryable) {
      await voidPendingTransfer(deps.db, deps.clock, { pendingId: hold.id }, { metadata: { reason: `${error.code}: ${error.message}`.slice(0, 400) } });
    }
    throw error;
  }
  const posted = await postPendingTransfer(deps.db, deps.clock, { pendingId: hold.id }, { at: new Date(receipt.executedAt), metadata: { bankReference: receipt.bankReference } });
  return { transferId: posted.id, status: 'created', amountFen: input.amountFen, bankReference: receipt.bankReference };
}
