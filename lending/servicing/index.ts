/**
 * Loan servicing: the public surface for other contexts (marketplace, jobs, API).
 *
 * - createLoan(tx, { clock }, { listingId, borrowerId, principalFen, termMonths, annualRateBps,
 *   repaymentMethod, grade, pd, startDate, holdings: [{ investorId, principalFen }], platformFeeBps?,
 *   upfrontFeeFen?, applicationId?, relatedParty?, guarantorId?, rateCapBps? }) — at disbursement,
 *   inside the marketplace's transaction; idempotent per listing; queues each installment's
 *   automatic debit on the `repayments` queue (outbox, dedupe key `auto:<loan>:<no>`).
 * - Job processors (the lead wires them; each is idempotent on its own business key):
 *   repayments   → processDueRepayment(servicingJobDeps(db, clock), { loanId, installmentNo, dueDate })
 *   delinquency  → runDelinquency({ db, clock, policy }, { businessDate })   (one run per date)
 *   disclosures  → publishMonthlyDisclosure({ db, clock }, { yearMonth })     (one snapshot per month,
 *                  due by the 5th business day; schedule it on the 1st business day)
 *   daily        → scanBorrowerMovements({ db, clock }) (in-loan monitoring alerts)
 *   hourly       → publishPendingMajorEvents(db, clock) (lending/disclosures/log-major-event.ts)
 */
import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import { ledgerServicingMoney } from './ledger-money';
import { DEFAULT_SERVICING_POLICY, type ServicingPolicy } from './servicing-policy';

export { createLoan, createLoanInputSchema, type CreateLoanInput, type CreateLoanResult } from './create-loan';
export { processDueRepayment, dueRepaymentPayload } from './process-due-repayment';
export { runDelinquency } from './run-delinquency';
export { repayLoan } from './repay-loan';
export { recordCompensation } from './record-compensation';
export { scanBorrowerMovements } from './scan-borrower-movements';
export { DEFAULT_SERVICING_POLICY, servicingPolicySchema, type ServicingPolicy } from './servicing-policy';
export type { ServicingMoney } from './money-port';

/** Dependencies of the servicing processors, with money moved through the ledger. */
export function servicingJobDeps(db: Db, clock: Clock, policy: ServicingPolicy = DEFAULT_SERVICING_POLICY) {
  return { db, clock, money: ledgerServicingMoney(clock), policy };
}
