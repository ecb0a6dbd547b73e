import { publishPendingMajorEvents } from '../../lending/disclosures/log-major-event';
import { publishMonthlyDisclosure } from '../../lending/disclosures/publish-monthly-disclosure';
import { DEFAULT_SERVICING_POLICY, processDueRepayment, runDelinquency, scanBorrowerMovements, servicingJobDeps } from '../../lending/servicing';
import { addDays, chinaDate } from '../../kernel/calendar';
import { AppError } from '../../kernel/errors';
import type { ProcessorDeps } from '../idempotent-processor';
import { recordedProcessor } from '../recorded-processor';

/** The automatic debit of one installment (dedupe key written by createLoan: `auto:<loan>:<no>`). */
export function repaymentsProcessor(deps: ProcessorDeps) {
  const jobDeps = servicingJobDeps(deps.db, deps.clock);
  return recordedProcessor('repayments', deps, (p) => `auto:${p.loanId}:${p.installmentNo}`, (p) => processDueRepayment(jobDeps, p));
}

/** Daily delinquency for yesterday's close unless a date is given; one run per date. */
export function delinquencyProcessor(deps: ProcessorDeps) {
  const dateOf = (p: { businessDate?: string }) => p.businessDate ?? addDays(chinaDate(deps.clock.now()), -1);
  return recordedProcessor('delinquency', deps, (p) => `delinquency:${dateOf(p)}`, (p) =>
    runDelinquency({ db: deps.db, clock: deps.clock, policy: DEFAULT_SERVICING_POLICY }, { businessDate: dateOf(p) }),
  );
}

/** Monthly disclosure snapshot of the previous month unless a month is given; one per month. */
export function disclosuresProcessor(deps: ProcessorDeps) {
  const monthOf = (p: { yearMonth?: string }) => p.yearMonth ?? addDays(`${chinaDate(deps.clock.now()).slice(0, 7)}-01`, -1).slice(0, 7);
  return recordedProcessor('disclosures', deps, (p) => `disclosure:${monthOf(p)}`, (p) => publishMonthlyDisclosure(deps, { yearMonth: monthOf(p) }));
}

/** Maintenance tasks that run their own transactions. */
export async function runServicingMaintenance(deps: ProcessorDeps, task: string): Promise<unknown> {
  switch (task) {
    case 'scan-borrower-movements':
      return scanBorrowerMovements(deps);
    case 'publish-major-events':
      return { published: await publishPendingMajorEvents(deps.db, deps.clock) };
    default:
      throw new AppError('VALIDATION', `unknown maintenance task ${task}`);
  }
}
