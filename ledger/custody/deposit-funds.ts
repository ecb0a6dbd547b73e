import { AppError } from '../../kernel/errors';
import { EXTERNAL_WORLD, userAvailable } from '../accounts';
import { createTransfer, simpleTransfer } from '../create-transfers';
import { findTransferByKey } from '../get-balances';
import type { CustodyDeps } from './custody-deps';
import { ensureUserCustody } from './open-custody-account';

export interface MovementInput {
  userId: string;
  amountFen: bigint;
  /** The client's Idempotency-Key; the same key always means the same movement. */
  idempotencyKey: string;
  challengeId: string;
  oneTimeCode: string;
}

export interface MovementResult {
  transferId: string;
  status: 'created' | 'replayed';
  amountFen: bigint;
  bankReference: string | null;
}

/**
 * A deposit: the bank moves money from the user's own card into their sub-account (with the
 * user's one-time code), then the ledger records it with the bank's value time. Bank first,
 * ledger second, both idempotent on the same key: a retry after a crash or timeout in between
 * gets the bank's first receipt back and completes the ledger side.
 */
export async function depositFunds(deps: CustodyDeps, input: MovementInput): Promise<MovementResult> {
  if (input.amountFen <= 0n) throw new AppError('VALIDATION', 'amount must be greater than zero', { field: 'amount' });
  const key = `deposit:${input.userId}:${input.idempotencyKey}`;
  const existing = await findTransferByKey(deps.db, key);
  if (existing) {
    if (existing.amountFen !== input.amountFen) throw new AppError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was already used for a deposit of another amount');
    return { transferId: existing.id, status: 'replayed', amountFen: existing.amountFen, bankReference: String((existing.metadata as { bankReference?: string }).bankReference ?? '') || null };
  }
  const accountNo = await ensureUserCustody(deps, input.userId);
  const receipt = await deps.bank.deposit({
    instructionId: key,
    accountNo,
    amountFen: input.amountFen,
    authorisation: { kind: 'one_time_code', challengeId: input.challengeId, code: input.oneTimeCode },
  });
  const transfer = await createTransfer(
    deps.db,
    deps.clock,
    simpleTransfer({
      idempotencyKey: key,
      kind: 'deposit',
      debit: EXTERNAL_WORLD,
      credit: userAvailable(input.userId),
      amountFen: input.amountFen,
      authorisation: { kind: 'one_time_code', reference: receipt.instructionId },
      custody: 'direct',
      metadata: { bankReference: receipt.bankReference },
    }),
    { at: new Date(receipt.executedAt) },
  );
  return { transferId: transfer.id, status: transfer.status, amountFen: input.amountFen, bankReference: receipt.bankReference };
}
