import { z } from 'zod';
import type { Db } from '../../db/client';
import { AppError } from '../../kernel/errors';
import { applyRepayment, owedOf, type ServicingDeps } from './apply-repayment';
import { listInstallments, lockLoan } from './loans-repo';
import { owedTotalFen } from './waterfall';

export const dueRepaymentPayload = z.object({
  loanId: z.string().min(1),
  installmentNo: z.number().int().positive(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export interface DueRepaymentResult {
  status: 'paid' | 'partial' | 'nothing_available' | 'nothing_owed' | 'loan_closed' | 'replayed';
  paidFen: bigint;
}

/**
 * The `repayments` queue's processor: on the due date, debits the borrower's own custody
 * sub-account for everything due up to this installment (older arrears first), as much as is
 * available. Idempotent per installment (`auto:<loan>:<no>`): a redelivered job moves nothing.
 * The platform never pays for a borrower who cannot; what stays unpaid becomes arrears.
 */
export async function processDueRepayment(deps: ServicingDeps & { db: Db }, payload: z.input<typeof dueRepaymentPayload>): Promise<DueRepaymentResult> {
  const job = dueRepaymentPayload.parse(payload);
  return deps.db.transaction(async (tx) => {
    const loan = await lockLoan(tx, job.loanId);
    if (!loan) throw new AppError('NOT_FOUND', `no loan ${job.loanId}`, { field: 'loanId' });
    if (loan.status !== 'active') return { status: 'loan_closed', paidFen: 0n };
    const installments = await listInstallments(tx, loan.id);
    const target = installments.find((i) => i.installmentNo === job.installmentNo);
    if (!target || target.dueDate !== job.dueDate) {
      throw new AppError('VALIDATION', `installment ${job.installmentNo} of ${loan.id} is not due on ${job.dueDate}`, { field: 'dueDate' });
    }
    const eligible = (i: { dueDate: string }) => i.dueDate <= job.dueDate;
    const owed = owedTotalFen(installments.filter(eligible).map(owedOf));
    if (owed === 0n) return { status: 'nothing_owed', paidFen: 0n };
    const payer = { kind: 'borrower' as const, id: loan.borrowerId };
    const available = await deps.money.availableFen(tx, payer);
    if (available <= 0n) return { status: 'nothing_available', paidFen: 0n };
    const { repayment, replayed } = await applyRepayment(tx, deps, {
      loan,
      kind: 'auto_debit',
      payer,
      businessKey: `auto:${loan.id}:${job.installmentNo}`,
      amountFen: available < owed ? available : owed,
      eligible,
    });
    if (replayed) return { status: 'replayed', paidFen: 0n };
    const paidFen = repayment?.amountFen ?? 0n;
    return { status: paidFen >= owed ? 'paid' : 'partial', paidFen };
  });
}
