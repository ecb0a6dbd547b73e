import { applyBps } from '../kernel/rate';
import { scheduleAmounts, type RepaymentMethod } from '../lending/schedules/build-schedule';
import { scheduleAprBps } from '../lending/schedules/schedule-apr';
import { GRADES, type DecisionConfig } from './policy-config';

export interface Offer {
  nominalRateBps: number;
  upfrontFeeFen: bigint;
  /** IRR of the borrower's cash flows incl. all fees, monthly IRR × 12 (kernel/irr.ts). */
  aprBps: number;
  rateCapBps: number;
  withinCap: boolean;
  firstInstallmentFen: bigint;
}

export function nominalRateBps(grade: string, termMonths: number, config: DecisionConfig): number {
  const step = GRADES.indexOf(grade);
  const extraYears = Math.max(0, Math.ceil(termMonths / 12) - 1);
  return config.baseRateBps + step * config.rateStepPerGradeBps + extraYears * config.termPremiumPerYearBps;
}

/**
 * Prices an amount for a grade; the APR is compared with the cap (equality passes). The schedule's
 * amounts do not depend on the contract date (30/360 monthly), so neither does the APR.
 */
export function priceOffer(input: { grade: string; amountFen: bigint; termMonths: number; method: RepaymentMethod; capBps: number }, config: DecisionConfig): Offer {
  const rate = nominalRateBps(input.grade, input.termMonths, config);
  const upfrontFeeFen = applyBps(input.amountFen, config.upfrontFeeBps);
  const schedule = scheduleAmounts({ principalFen: input.amountFen, annualRateBps: rate, termMonths: input.termMonths, method: input.method });
  const aprBps = scheduleAprBps(input.amountFen, schedule, { upfrontFen: upfrontFeeFen });
  return { nominalRateBps: rate, upfrontFeeFen, aprBps, rateCapBps: input.capBps, withinCap: aprBps <= input.capBps, firstInstallmentFen: schedule[0]!.totalFen };
}
