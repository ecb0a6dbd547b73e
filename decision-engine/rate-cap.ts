import type { LprFixing } from './policy-config';

/** SPC 2020 amendment date: contracts from this day are capped at 4 × one-year LPR. */
export const LPR_CAP_FROM = '2020-08-20';
const LEGACY_CAP_BPS = 2_400;
const ABSOLUTE_CAP_BPS = 3_600;

/**
 * The legal ceiling on the IRR-based annual rate for a contract signed on `contractDate`
 * (China date): 4 × the one-year LPR in force that day; 24% for contracts before 2020-08-20;
 * never above 36% whatever the table says.
 */
export function rateCapBps(contractDate: string, lprTable: readonly LprFixing[]): number {
  if (contractDate < LPR_CAP_FROM) return LEGACY_CAP_BPS;
  let current: LprFixing | undefined;
  for (const fixing of lprTable) if (fixing.effectiveDate <= contractDate && (!current || fixing.effectiveDate > current.effectiveDate)) current = fixing;
  if (!current) return LEGACY_CAP_BPS;
  return Math.min(ABSOLUTE_CAP_BPS, 4 * current.oneYearBps);
}
