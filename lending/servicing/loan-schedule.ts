import { annualisedIrrBps } from '../../kernel/irr';
import { buildSchedule, monthlyInterestFen, type RepaymentMethod } from '../schedules';

/**
 * A loan's schedule as serviced: the shared schedule of lending/schedules (30/360 monthly,
 * half-away-from-zero rounding, last installment takes the remaining principal) plus the
 * platform's service fee. The fee for a month is `platformFeeBps / 12` of the month's opening
 * balance, rounded by the schedule's one rounding rule (`monthlyInterestFen`), and is paid to
 * the platform's own account as a separate movement (REQUIREMENTS 6, 22).
 */
export interface ServicedInstallment {
  installmentNo: number;
  dueDate: string;
  principalFen: bigint;
  interestFen: bigint;
  feeFen: bigint;
  /** Principal owed before this installment (the balance interest and fee are computed on). */
  openingPrincipalFen: bigint;
}

export interface LoanTerms {
  principalFen: bigint;
  termMonths: number;
  annualRateBps: number;
  repaymentMethod: RepaymentMethod;
  startDate: string;
  platformFeeBps?: number;
}

export function buildLoanSchedule(terms: LoanTerms): ServicedInstallment[] {
  const schedule = buildSchedule({
    principalFen: terms.principalFen,
    annualRateBps: terms.annualRateBps,
    termMonths: terms.termMonths,
    method: terms.repaymentMethod,
    startDate: terms.startDate,
  });
  let opening = terms.principalFen;
  return schedule.map((i) => {
    const row: ServicedInstallment = {
      installmentNo: i.period,
      dueDate: i.dueDate,
      principalFen: i.principalFen,
      interestFen: i.interestFen,
      feeFen: monthlyInterestFen(opening, terms.platformFeeBps ?? 0),
      openingPrincipalFen: opening,
    };
    opening -= i.principalFen;
    return row;
  });
}

/**
 * The annualised rate of all charges from the actual cash flows (IRR × 12, kernel/irr.ts):
 * t0 = principal received − upfront fee (paid at t0, never deducted from the disbursement),
 * then each month's principal + interest + fee.
 */
export function loanAprBps(principalFen: bigint, schedule: readonly ServicedInstallment[], upfrontFeeFen = 0n): number {
  const flows = [Number(principalFen - upfrontFeeFen), ...schedule.map((i) => -Number(i.principalFen + i.interestFen + i.feeFen))];
  return annualisedIrrBps(flows);
}
