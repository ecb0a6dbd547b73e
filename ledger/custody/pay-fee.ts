import { AppError, isAppError } from '../../kernel/errors';
import { findAccounts, PLATFORM_FEE, userAvailable } from '../accounts';
import { findPendingResolution } from '../get-balances';
import { createPendingTransfer, postPendingTransfer, voidPendingTransfer } from '../pending-transfers';
import type { CustodyDeps } from './custody-deps';
import type { MovementInput, MovementResult } from './deposit-funds';
import { ensureUserCustody } from './open-custody-account';

export interface FeePaymentInput extends MovementInput {
  /** What the fee is for (e.g. 'membership:2026'); part of the request, so a key always means one fee. */
  reference?: string;
}

/**
 * A user pays a fee to the platform's fee account (REQUIREMENTS 19–20): money leaves the user's
 * own sub-account only with the user's one-time code (requestOneTimeCode with movement 'fee'),
 * checked by the bank. Same three idempotent steps on one key as a withdrawal:
 * 1. the ledger reserves the amount (a pending `fee` transfer, custody 'direct': the bank is not
 *    told of the reservation), so nothing else can spend it meanwhile;
 * 2. the bank transfers user sub-account → platform fee sub-account with the code;
 * 3. the ledger posts the reservation with the bank's value time (the bank paid) or voids it
 *    (the bank refused for good). A timeout keeps the reservation and throws TIMEOUT: retrying
 *    the same key asks the bank again, which answers a duplicate with its first receipt.
 */
export async function payFee(deps: CustodyDeps, input: FeePaymentInput): Promise<MovementResult> {
  if (input.amountFen <= 0n) throw new AppError('VALIDATION', 'amount must be greater than zero', { field: 'amount' });
  if (input.reference !== undefined && (input.reference.length === 0 || input.reference.length > 200)) {
    throw new AppError('VALIDATION', 'reference must be 1–200 characters', { field: 'reference' });
  }
  const key = `fee:${input.userId}:${input.idempotencyKey}`;
  const accountNo = await ensureUserCustody(deps, input.userId);
  const [feeAccount] = await findAccounts(deps.db, [PLATFORM_FEE]);
  if (!feeAccount?.bankAccountNo) throw new AppError('BUSINESS_RULE', 'the platform fee account has no custody sub-account yet (openPlatformCustody)');
  const hold = await createPendingTransfer(deps.db, deps.clock, {
    idempotencyKey: key,
    kind: 'fee',
    debit: userAvailable(input.userId),
    credit: PLATFORM_FEE,
    amountFen: input.amountFen,
    authorisation: { kind: 'one_time_code', reference: key },
    custody: 'direct',
    ...(input.reference !== undefined ? { metadata: { reference: input.reference } } : {}),
  });
  if (hold.status === 'replayed') {
    const resolution = await findPendingResolution(deps.db, hold.id);
    if (resolution?.phase === 'post_pending') {
      return { transferId: resolution.id, status: 'replayed', amountFen: input.amountFen, bankReference: String((resolution.metadata as { bankReference?: string }).bankReference ?? '') || null };
    }
    if (resolution?.phase === 'void_pending') {
      const reason = (resolution.metadata as { reason?: string }).reason ?? 'refused';
      throw new AppError('CONFLICT', `this fee payment was refused earlier (${reason}); start a new one with a new Idempotency-Key`);
    }
  }
  let receipt;
  try {
    receipt = await deps.bank.execute({
      instructionId: key,
      operations: [{ op: 'transfer', fromAccountNo: accountNo, toAccountNo: feeAccount.bankAccountNo, amountFen: input.amountFen }],
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
  return { transferId: posted.id, status: posted.status, amountFen: input.amountFen, bankReference: receipt.bankReference };
}
