import { AppError } from '../../kernel/errors';
import type { CustodyDeps } from './custody-deps';
import { ensureUserCustody } from './open-custody-account';

/** Which bank operation each user-facing movement needs a code for (REQUIREMENTS 20). */
const OPERATION = { deposit: 'deposit', withdrawal: 'withdraw', fee: 'transfer' } as const;
export type AuthorisedMovement = keyof typeof OPERATION;

/**
 * Asks the custodian to send the user a one-time code for one movement of one amount. The
 * user then confirms the deposit / withdrawal / fee payment with { challengeId, code }.
 */
export async function requestOneTimeCode(deps: CustodyDeps, input: { userId: string; movement: AuthorisedMovement; amountFen: bigint }) {
  if (input.amountFen <= 0n) throw new AppError('VALIDATION', 'amount must be greater than zero', { field: 'amount' });
  const accountNo = await ensureUserCustody(deps, input.userId);
  const challenge = await deps.bank.requestOneTimeCode({ accountNo, operation: OPERATION[input.movement], amountFen: input.amountFen });
  return { ...challenge, movement: input.movement, amountFen: input.amountFen, delivery: 'sms' as const };
}
