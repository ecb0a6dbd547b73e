/**
 * Decisioning parameters that are policy choices (REQUIREMENTS: "make it configuration").
 * Rule thresholds live in the rule sets; these are the numbers applied after the rules.
 */
export const GRADE_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export const GRADES = GRADE_LETTERS.flatMap((l) => [1, 2, 3, 4, 5].map((n) => `${l}${n}`));

export interface LprFixing {
  /** First day the fixing applies (China date). */
  effectiveDate: string;
  oneYearBps: number;
}

export interface DecisionConfig {
  /** Upper PD bound of each grade A1…G5 (ascending); a PD above the last bound is declined. */
  gradePdUpperBounds: number[];
  /** Nominal annual rate of grade A1 and the step per sub-grade (bps). */
  baseRateBps: number;
  rateStepPerGradeBps: number;
  /** Term premium per started 12 months beyond the first year (bps). */
  termPremiumPerYearBps: number;
  /** Upfront service fee in bps of principal, paid at t0 as a separate movement (never deducted). */
  upfrontFeeBps: number;
  /** Largest amount per grade letter, for individuals (fen); companies get `companyGradeLimitMultiple` ×. */
  gradeLetterLimitFen: Record<(typeof GRADE_LETTERS)[number], bigint>;
  companyGradeLimitMultiple: bigint;
  minLoanFen: bigint;
  fraudDeclineProbability: number;
  fraudReferProbability: number;
  lprTable: LprFixing[];
}

/**
 * Geometric PD bands on the credit model's PD scale. The bootstrap model is trained on German
 * Credit (30% bad), so its PDs run high: A1 tops out at 6%, each sub-grade's bound is ×1.066
 * the one before, and G5 stops at 55%; above it the applicant is declined.
 * Recalibrate when a model trained on the platform's own outcomes becomes champion.
 */
function pdBands(count: number, first: number, last: number): number[] {
  return Array.from({ length: count }, (_, i) => Number((first * (last / first) ** (i / (count - 1))).toFixed(6)));
}

/** One-year LPR fixings (National Interbank Funding Center); append new fixings as published. */
export const LPR_TABLE: LprFixing[] = [
  { effectiveDate: '2019-08-20', oneYearBps: 425 },
  { effectiveDate: '2019-09-20', oneYearBps: 420 },
  { effectiveDate: '2019-11-20', oneYearBps: 415 },
  { effectiveDate: '2020-02-20', oneYearBps: 405 },
  { effectiveDate: '2020-04-20', oneYearBps: 385 },
  { effectiveDate: '2021-12-20', oneYearBps: 380 },
  { effectiveDate: '2022-01-20', oneYearBps: 370 },
  { effectiveDate: '2022-08-22', oneYearBps: 365 },
  { effectiveDate: '2023-06-20', oneYearBps: 355 },
  { effectiveDate: '2023-08-21', oneYearBps: 345 },
  { effectiveDate: '2024-07-22', oneYearBps: 335 },
  { effectiveDate: '2024-10-21', oneYearBps: 310 },
  { effectiveDate: '2025-05-20', oneYearBps: 300 },
];

export const DEFAULT_DECISION_CONFIG: DecisionConfig = {
  gradePdUpperBounds: pdBands(GRADES.length, 0.06, 0.55),
  baseRateBps: 450,
  rateStepPerGradeBps: 20,
  termPremiumPerYearBps: 15,
  upfrontFeeBps: 50,
  gradeLetterLimitFen: { A: 20_000_000n, B: 15_000_000n, C: 10_000_000n, D: 6_000_000n, E: 3_000_000n, F: 1_500_000n, G: 800_000n },
  companyGradeLimitMultiple: 5n,
  minLoanFen: 100_000n,
  fraudDeclineProbability: 0.85,
  fraudReferProbability: 0.6,
  lprTable: LPR_TABLE,
};
