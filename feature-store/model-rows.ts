import type { FeatureRow } from '../models/scoring-port';
import type { FeatureSnapshot } from './definitions';

/**
 * THE one place where application features are mapped to the model input rows
 * (models/credit-features.ts `credit-v1`, models/fraud-features.ts `fraud-v1`).
 * Pure functions of the stored snapshot, so a replay rebuilds exactly the same rows.
 *
 * credit-v1 ← application-v1:
 *   checking_status ← checking_balance_band        duration_months ← term_months
 *   credit_history ← bureau_history_status (null: no file)
 *   purpose ← purpose (prohibited purposes → "other"; they are declined by policy anyway)
 *   credit_amount ← amount_fen / 100 (yuan, a model feature, not money arithmetic)
 *   savings_status ← savings_balance_band           property ← most_valuable_asset
 *   employment_since ← employment_years banded (unemployed status → "unemployed")
 *   installment_rate_pct ← debt_to_income_after_ratio banded 1 (< 20%) … 4 (≥ 35%)
 *   other_parties ← guarantor                       residence_since ← residence_years capped 1–4
 *   age_years ← age_years                           other_payment_plans ← bureau_other_instalment_plans
 *   housing ← housing_status                        existing_credits ← existing_loans + 1 (this one)
 *   job ← occupation_class                          num_dependents ← dependents
 *   own_telephone ← "yes" when KYC verified the phone in the applicant's name
 *   foreign_worker ← non_local_worker
 */
const MODEL_PURPOSES = new Set(['new_car', 'used_car', 'furniture_equipment', 'radio_tv', 'domestic_appliances', 'repairs', 'education', 'vacation', 'retraining', 'business', 'other']);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function employmentBand(f: FeatureSnapshot): string | null {
  if (f.employment_status === 'unemployed' || f.employment_status === 'student') return 'unemployed';
  const years = num(f.employment_years);
  if (years === null) return null;
  return years < 1 ? 'lt_1y' : years < 4 ? '1_to_4y' : years < 7 ? '4_to_7y' : 'ge_7y';
}

function burdenBand(ratio: number | null): number | null {
  if (ratio === null) return null;
  return ratio < 0.2 ? 1 : ratio < 0.25 ? 2 : ratio < 0.35 ? 3 : 4;
}

export function creditModelRow(f: FeatureSnapshot): FeatureRow {
  const purpose = str(f.purpose);
  const amountFen = num(f.amount_fen);
  const residence = num(f.residence_years);
  return {
    checking_status: str(f.checking_balance_band),
    duration_months: num(f.term_months),
    credit_history: str(f.bureau_history_status),
    purpose: purpose && MODEL_PURPOSES.has(purpose) ? purpose : 'other',
    credit_amount: amountFen === null ? null : amountFen / 100,
    savings_status: str(f.savings_balance_band),
    employment_since: employmentBand(f),
    installment_rate_pct: burdenBand(num(f.debt_to_income_after_ratio)),
    other_parties: str(f.guarantor),
    residence_since: residence === null ? null : Math.min(4, Math.max(1, residence)),
    property: str(f.most_valuable_asset),
    age_years: num(f.age_years),
    other_payment_plans: str(f.bureau_other_instalment_plans),
    housing: str(f.housing_status),
    existing_credits: (num(f.existing_loans) ?? 0) + 1,
    job: str(f.occupation_class),
    num_dependents: num(f.dependents),
    own_telephone: f.kyc_verified === true ? 'yes' : 'none',
    foreign_worker: f.non_local_worker === true ? 'yes' : f.non_local_worker === false ? 'no' : null,
  };
}

export function fraudModelRow(f: FeatureSnapshot): FeatureRow {
  return {
    device_applications_24h: num(f.device_applications_24h),
    ip_applications_24h: num(f.ip_applications_24h),
    id_applications_30d: num(f.id_applications_30d),
    phone_applications_30d: num(f.phone_applications_30d),
    device_distinct_ids_30d: num(f.device_distinct_ids_30d),
    phone_distinct_ids_30d: num(f.phone_distinct_ids_30d),
    id_age_days: num(f.id_age_days),
    phone_tenure_days: num(f.phone_tenure_days),
    // KYC passed before any application can be made, so the real-name check matched.
    name_id_mismatch: f.kyc_verified === true ? 0 : 1,
    address_mismatch: null,
    income_to_employment_flag: num(f.income_to_employment_flag),
    requested_to_income_ratio: num(f.amount_to_income_ratio),
    age_years: num(f.age_years),
    hour_of_day: num(f.hour_of_day),
    form_fill_seconds: num(f.form_fill_seconds),
    email_domain_disposable: null,
  };
}
