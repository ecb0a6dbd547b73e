import { LPR_TABLE } from '../../decision-engine/policy-config';
import { rateCapBps } from '../../decision-engine/rate-cap';

/**
 * The rate cap of REQUIREMENTS 5 at a contract date, from the decision engine's one LPR table
 * (4 × one-year LPR; 24% before 2020-08-20; never above 36%), so pricing and servicing agree.
 */
export function rateCapBpsAt(contractDate: string): number {
  return rateCapBps(contractDate, LPR_TABLE);
}
