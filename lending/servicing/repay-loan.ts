import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client';
import { loanRepayments } from '../../db/schema';
import { chinaDate } from '../../kernel/calendar';
import { AppError } from '../../kernel/errors';
import { applyRepayment, owedOf, type ServicingDeps } from './apply-repayment';
import { listInstallments, lockLoan } from './loans-repo';
import { recalculateForPayoff } from './recalculate-for-payoff';
import { owedTotalFen } from './waterfall';
import { effectiveToNominalMonthlyBps, xirr } from './xirr';

/**
 * The early-repayment fee must not lift the annualised rate of everything the borrower paid
 * (all repayments so far and this payoff, against the principal received) above the cap.
 */
async function assertPayoffWithinCap(tx: Tx, loan: { id: string; principalFen: bigint; startDate: string; rateCapBps: number }, today: string, payoffFen: bigint): Promise<void> {
  const paid = await tx
    .select({ paidOn: loanRepayments.paidOn, amountFen: loanRepayments.amountFen })
    .from(loanRepayments)
    .where(and(eq(loanRepayments.loanId, loan.id), eq(loanRepayments.payerKind, 'borrower')));
  const flows = [{ date: loan.startDate, amountFen: loan.principalFen }, ...paid.map((p) => ({ date: p.paidOn, amountFen: -p.amountFen })), { date: today, amountFen: -payoffFen }];
  const rateBps = effectiveToNominalMonthlyBps(xirr(flows));
  if (rateBps > loan.rateCapBps) {
    throw new AppError('BUSINESS_RULE', `with the early-repayment fee the annualised rate would be ${rateBps} bps, above the cap of ${loan.rateCapBps} bps`, { field: 'mode', rateBps });
  }
}

export const repayLoanInputSchema = z.object({
  loanId: z.string().min(1),
  borrowerId: z.string().min(1),
  /** due: pays what is due by today (partial allowed); early: repays the whole loan today. */
  mode: z.enum(['due', 'early']),
  /** Required for `due`; for `early` the payoff amount is computed (and must be available). */
  amountFen: z.bigint().refine((v) => v > 0n, 'must be a positive amount of fen').optional(),
  idempotencyKey: z.string().min(8).max(128),
});

export type RepayLoanInput = z.infer<typeof repayLoanInputSchema>;

/**
 * Manual repayment by the borrower, inside the caller's (idempotency) transaction. `due` pays
 * arrears and today's installment through the waterfall; `early` recalculates the schedule
 * (recalculate-for-payoff.ts) and repays everything at once.
 */
export async function repayLoan(tx: Tx, deps: ServicingDeps, input: RepayLoanInput) {
  const loan = await lockLoan(tx, input.loanId);
  if (!loan || loan.borrowerId !== input.borrowerId) throw new AppError('NOT_FOUND', 'no such loan', { field: 'loanId' });
  if (loan.status !== 'active') throw new AppError('CONFLICT', `the loan is ${loan.status}; nothing to repay`, { field: 'loanId' });
  const today = chinaDate(deps.clock.now());
  const payer = { kind: 'borrower' as const, id: loan.borrowerId };
  const businessKey = `manual:${loan.id}:${input.idempotencyKey}`;

  let installments = await listInstallments(tx, loan.id);
  let eligible = (i: { dueDate: string }) => i.dueDate <= today;
  let amountFen: bigint;
  if (input.mode === 'early') {
    await recalculateForPayoff(tx, loan, installments, today, deps.policy.earlyRepaymentFeeBps);
    installments = await listInstallments(tx, loan.id);
    eligible = () => true;
    amountFen = owedTotalFen(installments.map(owedOf));
    if (deps.policy.earlyRepaymentFeeBps > 0) await assertPayoffWithinCap(tx, loan, today, amountFen);
  } else {
    if (input.amountFen === undefined) throw new AppError('VALIDATION', 'amountFen is required to pay what is due', { field: 'amountFen' });
    const owed = owedTotalFen(installments.filter(eligible).map(owedOf));
    if (owed === 0n) throw new AppError('BUSINESS_RULE', 'nothing is due today; use mode "early" to repay ahead of schedule', { field: 'mode' });
    if (input.amountFen > owed) throw new AppError('VALIDATION', `amountFen ${input.amountFen} is more than the ${owed} fen due`, { field: 'amountFen', owedFen: owed.toString() });
    amountFen = input.amountFen;
  }
  const available = await deps.money.availableFen(tx, payer);
  if (available < amountFen) {
    throw new AppError('INSUFFICIENT_FUNDS', `the custody account holds ${available} fen; ${amountFen} fen is needed`, { field: 'amountFen' });
  }
  const { repayment } = await applyRepayment(tx, deps, { loan, kind: input.mode === 'early' ? 'early' : 'manual', payer, businessKey, amountFen, eligible, actorId: input.borrowerId });
  const after = await lockLoan(tx, loan.id);
  return { repayment, loanStatus: after!.status, principalOutstandingFen: after!.principalOutstandingFen };
}
