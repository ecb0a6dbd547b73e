import { divRound } from '../../kernel/money';
import { addMonths } from '../../kernel/calendar';
import { AppError } from '../../kernel/errors';

/**
 * Repayment schedules (shared by decisioning and servicing).
 *
 * Day-count convention: 30/360 monthly — every period is one calendar month and earns exactly
 * annualRateBps / 12 of interest on the opening balance, whatever the number of days in the
 * month. Due dates are the start date plus k calendar months, clamped to the month's end.
 * Rounding: every fen amount goes through `roundScheduleFen` (half away from zero); the last
 * installment takes whatever principal is left, so principal parts sum exactly to the loan.
 */
export const REPAYMENT_METHODS = ['equal_installment', 'equal_principal', 'interest_first'] as const;
export type RepaymentMethod = (typeof REPAYMENT_METHODS)[number];

export interface ScheduleInput {
  principalFen: bigint;
  annualRateBps: number;
  termMonths: number;
  method: RepaymentMethod;
  /** Contract start (YYYY-MM-DD, China date); due dates are whole months after it. */
  startDate: string;
}

export interface Installment {
  period: number;
  dueDate: string;
  principalFen: bigint;
  interestFen: bigint;
  totalFen: bigint;
  /** Principal still owed after this installment is paid. */
  remainingPrincipalFen: bigint;
}

/** Monthly rate as the exact fraction rateBps / MONTHLY_DENOMINATOR. */
const MONTHLY_DENOMINATOR = 120_000n;

/** The one rounding rule of schedules: half away from zero, to the fen. */
export function roundScheduleFen(numerator: bigint, denominator: bigint): bigint {
  return divRound(numerator, denominator);
}

/** Interest for one month on an opening balance (30/360 monthly). */
export function monthlyInterestFen(balanceFen: bigint, annualRateBps: number): bigint {
  return roundScheduleFen(balanceFen * BigInt(annualRateBps), MONTHLY_DENOMINATOR);
}

/** 等额本息: the level payment P·r(1+r)^n / ((1+r)^n − 1), computed exactly then rounded once. */
export function levelPaymentFen(principalFen: bigint, annualRateBps: number, termMonths: number): bigint {
  if (annualRateBps === 0) return roundScheduleFen(principalFen, BigInt(termMonths));
  const b = BigInt(annualRateBps);
  const growth = (MONTHLY_DENOMINATOR + b) ** BigInt(termMonths);
  const base = MONTHLY_DENOMINATOR ** BigInt(termMonths);
  return roundScheduleFen(principalFen * b * growth, MONTHLY_DENOMINATOR * (growth - base));
}

/** An installment's amounts (an Installment without its period and due date). */
export type InstallmentAmounts = Omit<Installment, 'period' | 'dueDate'>;

/**
 * The amounts of periods 1…termMonths, without due dates: what pricing and affordability need
 * (the APR and the largest installment), computed on every decision, where the dates were a
 * third of the schedule's cost. buildSchedule adds the dates to exactly these amounts.
 */
export function scheduleAmounts(input: Omit<ScheduleInput, 'startDate'>): InstallmentAmounts[] {
  const { principalFen, annualRateBps, termMonths, method } = input;
  if (principalFen <= 0n) throw new AppError('VALIDATION', 'a schedule needs a positive principal', { field: 'principalFen' });
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > 360) throw new AppError('VALIDATION', 'termMonths must be 1–360', { field: 'termMonths' });
  if (!Number.isInteger(annualRateBps) || annualRateBps < 0) throw new AppError('VALIDATION', 'annualRateBps must be a non-negative integer', { field: 'annualRateBps' });

  const level = method === 'equal_installment' ? levelPaymentFen(principalFen, annualRateBps, termMonths) : 0n;
  const equalPrincipal = method === 'equal_principal' ? roundScheduleFen(principalFen, BigInt(termMonths)) : 0n;
  const out: InstallmentAmounts[] = [];
  let balance = principalFen;
  for (let period = 1; period <= termMonths; period += 1) {
    const interestFen = monthlyInterestFen(balance, annualRateBps);
    const last = period === termMonths;
    let principalPart: bigint;
    if (last) principalPart = balance;
    else if (method === 'equal_installment') principalPart = level - interestFen;
    else if (method === 'equal_principal') principalPart = equalPrincipal;
    else principalPart = 0n;
    // Rounding can make a level payment's principal part overshoot on tiny loans; clamp it.
    if (principalPart > balance) principalPart = balance;
    if (principalPart < 0n) principalPart = 0n;
    balance -= principalPart;
    out.push({ principalFen: principalPart, interestFen, totalFen: principalPart + interestFen, remainingPrincipalFen: balance });
  }
  return out;
}

export function buildSchedule(input: ScheduleInput): Installment[] {
  return scheduleAmounts(input).map((amounts, k) => ({ period: k + 1, dueDate: addMonths(input.startDate, k + 1), ...amounts }));
}
