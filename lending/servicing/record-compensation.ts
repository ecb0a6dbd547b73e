import { z } from 'zod';
import type { Tx } from '../../db/client';
import { chinaDate } from '../../kernel/calendar';
import { AppError } from '../../kernel/errors';
import { applyRepayment, owedOf, type ServicingDeps } from './apply-repayment';
import { listInstallments, lockLoan } from './loans-repo';
import { owedTotalFen } from './waterfall';

export const recordCompensationSchema = z.object({
  loanId: z.string().min(1),
  guarantorId: z.string().min(1),
  amountFen: z.bigint().refine((v) => v > 0n, 'must be a positive amount of fen'),
  idempotencyKey: z.string().min(8).max(128),
  actorId: z.string().nullable(),
});

/**
 * A third-party guarantor pays overdue amounts for the borrower (代偿, REQUIREMENTS 23): the
 * money comes from the guarantor's own custody account, never the platform's, and is counted
 * as compensation in the disclosures. Only the loan's named guarantor may pay.
 */
export async function recordCompensation(tx: Tx, deps: ServicingDeps, rawInput: z.infer<typeof recordCompensationSchema>) {
  const input = recordCompensationSchema.parse(rawInput);
  const loan = await lockLoan(tx, input.loanId);
  if (!loan) throw new AppError('NOT_FOUND', 'no such loan', { field: 'loanId' });
  if (loan.guarantorId !== input.guarantorId) {
    throw new AppError('BUSINESS_RULE', 'only the loan\'s third-party guarantor may compensate; the platform never pays for a borrower', { field: 'guarantorId' });
  }
  const today = chinaDate(deps.clock.now());
  const eligible = (i: { dueDate: string }) => i.dueDate < today;
  const owed = owedTotalFen((await listInstallments(tx, loan.id)).filter(eligible).map((i) => ({ ...owedOf(i), feeFen: 0n })));
  if (owed === 0n) throw new AppError('BUSINESS_RULE', 'nothing is overdue on this loan', { field: 'loanId' });
  if (input.amountFen > owed) throw new AppError('VALIDATION', `amountFen ${input.amountFen} is more than the ${owed} fen overdue`, { field: 'amountFen' });
  const payer = { kind: 'guarantor' as const, id: input.guarantorId };
  if ((await deps.money.availableFen(tx, payer)) < input.amountFen) throw new AppError('INSUFFICIENT_FUNDS', 'the guarantor\'s account cannot cover this payment', { field: 'amountFen' });
  return applyRepayment(tx, deps, { loan, kind: 'compensation', payer, businessKey: `comp:${loan.id}:${input.idempotencyKey}`, amountFen: input.amountFen, eligible, actorId: input.actorId, skipFee: true });
}
