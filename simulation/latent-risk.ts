import type { Rng } from '../models/core/rng';
import { normal } from '../models/core/rng';
import type { GermanRow } from './german-rows';

/**
 * A simulated borrower's hidden probability of defaulting over the loan's life.
 *
 * Real default risk is mostly carried by what a lender can see (accounts, history, savings,
 * term, age…) plus luck. An earlier version used only the recorded German Credit outcome
 * (good 7%, bad 42%): every good applicant then had the same 7% floor, so no model, however
 * good, could separate the better grades from each other. Here the truth is:
 *
 *   logit(pd) = INTERCEPT + OUTCOME_WEIGHT·[recorded bad] + PROFILE_WEIGHT·profile + NOISE·N(0,1)
 *
 * where `profile` is the applicant's weight of evidence summed over the data set's own
 * attributes (how much more often people like them went bad in German Credit, counted from
 * the shipped data with Laplace smoothing). The platform never sees this value.
 */
const INTERCEPT = -1.0;
const OUTCOME_WEIGHT = 0.8;
const PROFILE_WEIGHT = 0.9;
const NOISE = 0.35;
const MAX_PD = 0.9;

type Bander = (row: GermanRow) => string;
const PROFILE_ATTRIBUTES: Record<string, Bander> = {
  checking_status: (r) => r.checking_status ?? '',
  credit_history: (r) => r.credit_history ?? '',
  savings_status: (r) => r.savings_status ?? '',
  purpose: (r) => r.purpose ?? '',
  property: (r) => r.property ?? '',
  employment_since: (r) => r.employment_since ?? '',
  other_payment_plans: (r) => r.other_payment_plans ?? '',
  housing: (r) => r.housing ?? '',
  duration: (r) => { const m = Number(r.duration_months); return m <= 12 ? 'le12' : m <= 24 ? 'le24' : 'gt24'; },
  amount: (r) => { const a = Number(r.credit_amount); return a <= 1_500 ? 'le1500' : a <= 4_000 ? 'le4000' : a <= 8_000 ? 'le8000' : 'gt8000'; },
  age: (r) => { const y = Number(r.age_years); return y < 26 ? 'lt26' : y < 35 ? 'lt35' : y < 50 ? 'lt50' : 'ge50'; },
};

const isBad = (row: GermanRow) => row.default === '1';

/** Weight of evidence of every attribute value, counted once from the data set. */
export function profileScorer(rows: readonly GermanRow[]): (row: GermanRow) => number {
  const bad = rows.filter(isBad).length;
  const good = rows.length - bad;
  const woe = new Map<string, number>();
  for (const [name, band] of Object.entries(PROFILE_ATTRIBUTES)) {
    const counts = new Map<string, { bad: number; good: number }>();
    for (const row of rows) {
      const value = band(row);
      const c = counts.get(value) ?? { bad: 0, good: 0 };
      if (isBad(row)) c.bad += 1;
      else c.good += 1;
      counts.set(value, c);
    }
    for (const [value, c] of counts) woe.set(`${name}=${value}`, Math.log(((c.bad + 0.5) / (bad + 1)) / ((c.good + 0.5) / (good + 1))));
  }
  return (row) => Object.entries(PROFILE_ATTRIBUTES).reduce((sum, [name, band]) => sum + (woe.get(`${name}=${band(row)}`) ?? 0), 0);
}

export function latentPdOf(row: GermanRow, profile: number, rng: Rng): number {
  const logit = INTERCEPT + OUTCOME_WEIGHT * (isBad(row) ? 1 : 0) + PROFILE_WEIGHT * profile + NOISE * normal(rng);
  return Math.min(MAX_PD, 1 / (1 + Math.exp(-logit)));
}
