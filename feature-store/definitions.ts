/**
 * Feature definitions in code. A feature set is versioned as a whole: any change to a
 * definition or its computation is a new set version, and every decision records the set
 * version its snapshot was computed with (point-in-time reproducibility).
 */
export type FeatureType = 'number' | 'boolean' | 'category';
export type FeatureSource = 'application' | 'identity' | 'platform_history' | 'velocity' | 'bureau' | 'blocklist' | 'derived';

export interface FeatureDefinition {
  name: string;
  version: number;
  type: FeatureType;
  description: string;
  source: FeatureSource;
}

export type FeatureValue = number | string | boolean | null;
export type FeatureSnapshot = Record<string, FeatureValue>;

const f = (name: string, type: FeatureType, source: FeatureSource, description: string, version = 1): FeatureDefinition => ({ name, version, type, description, source });

const velocity = (['device', 'ip', 'phone', 'id'] as const).flatMap((key) =>
  (['1h', '24h', '30d'] as const).map((w) => f(`${key}_applications_${w}`, 'number', 'velocity', `applications with the same ${key} in the last ${w}, this one included`)),
);

export const APPLICATION_FEATURES_V1: readonly FeatureDefinition[] = [
  f('amount_fen', 'number', 'application', 'requested principal (fen)'),
  f('term_months', 'number', 'application', 'requested term'),
  f('purpose', 'category', 'application', 'declared purpose'),
  f('repayment_method', 'category', 'application', 'equal_installment / equal_principal / interest_first'),
  f('borrower_type', 'category', 'application', 'individual or company'),
  f('monthly_income_fen', 'number', 'application', 'declared monthly income (fen)'),
  f('monthly_debt_payments_fen', 'number', 'application', 'declared monthly payments on existing debts (fen)'),
  f('declared_other_platform_outstanding_fen', 'number', 'application', 'declared outstanding on other platforms (fen); null = not declared'),
  f('employment_status', 'category', 'application', 'employment status'),
  f('occupation_class', 'category', 'application', 'occupation class (model job)'),
  f('employment_years', 'number', 'application', 'years in current employment'),
  f('housing_status', 'category', 'application', 'rent / own / for_free'),
  f('residence_years', 'number', 'application', 'years at current address'),
  f('checking_balance_band', 'category', 'application', 'checking account band'),
  f('savings_balance_band', 'category', 'application', 'savings band'),
  f('most_valuable_asset', 'category', 'application', 'most valuable asset'),
  f('guarantor', 'category', 'application', 'co-applicant / guarantor'),
  f('dependents', 'number', 'application', 'number of dependents'),
  f('non_local_worker', 'boolean', 'application', 'works outside the registered residence region'),
  f('form_fill_seconds', 'number', 'application', 'seconds to fill the form; null when the client did not report it'),
  f('hour_of_day', 'number', 'derived', 'China-time hour of submission'),
  f('kyc_verified', 'boolean', 'identity', 'passed real-name verification'),
  f('age_years', 'number', 'identity', 'whole years of age on the application date (from the ID number)'),
  f('platform_outstanding_principal_fen', 'number', 'platform_history', 'outstanding principal of loans on this platform'),
  f('platform_pending_exposure_fen', 'number', 'platform_history', 'live listings and approved-unfunded applications'),
  f('platform_exposure_before_fen', 'number', 'derived', 'outstanding + pending, before this request'),
  f('platform_exposure_after_fen', 'number', 'derived', 'outstanding + pending + this request'),
  f('cross_platform_outstanding_fen', 'number', 'derived', 'max(declared, bureau) outstanding elsewhere; null when both are missing'),
  f('cross_platform_exposure_before_fen', 'number', 'derived', 'platform exposure before + elsewhere; null when elsewhere is unknown'),
  f('cross_platform_exposure_after_fen', 'number', 'derived', 'cross-platform exposure including this request'),
  f('cross_platform_data_available', 'boolean', 'derived', 'a declaration or bureau data exists'),
  f('prior_applications_90d', 'number', 'platform_history', 'applications by this borrower in the previous 90 days'),
  f('prior_declines_90d', 'number', 'platform_history', 'declined applications in the previous 90 days'),
  f('existing_loans', 'number', 'platform_history', 'approved applications / loans on this platform'),
  ...velocity,
  f('device_distinct_ids_30d', 'number', 'velocity', 'distinct ID numbers seen on this device in 30 days'),
  f('phone_distinct_ids_30d', 'number', 'velocity', 'distinct ID numbers seen with this phone in 30 days'),
  f('id_blocklisted', 'boolean', 'blocklist', 'ID number on the blocklist'),
  f('phone_blocklisted', 'boolean', 'blocklist', 'phone on the blocklist'),
  f('device_blocklisted', 'boolean', 'blocklist', 'device on the blocklist'),
  f('bureau_available', 'boolean', 'bureau', 'the credit bureau returned a report'),
  f('bureau_score', 'number', 'bureau', 'bureau score 350–850'),
  f('bureau_overdue_records_6m', 'number', 'bureau', 'overdue records in the last 6 months'),
  f('bureau_inquiries_6m', 'number', 'bureau', 'hard inquiries in the last 6 months'),
  f('bureau_outstanding_debt_fen', 'number', 'bureau', 'outstanding debt elsewhere (fen)'),
  f('bureau_history_status', 'category', 'bureau', 'credit history summary (model credit_history)'),
  f('bureau_other_instalment_plans', 'category', 'bureau', 'bank / stores / none'),
  f('id_age_days', 'number', 'bureau', 'days since the identity first appeared at the bureau'),
  f('phone_tenure_days', 'number', 'bureau', 'days the phone has been registered to this person'),
  f('amount_to_income_ratio', 'number', 'derived', 'requested amount ÷ monthly income'),
  f('installment_estimate_fen', 'number', 'derived', 'largest regular installment at the rate cap (affordability stress rate)'),
  f('debt_to_income_after_ratio', 'number', 'derived', '(existing debt payments + installment estimate) ÷ monthly income'),
  f('income_to_employment_flag', 'number', 'derived', '1 when the declared income is implausible for the employment status or occupation'),
];

export const FEATURE_SETS = {
  'application-v1': APPLICATION_FEATURES_V1,
} as const;
export type FeatureSetVersion = keyof typeof FEATURE_SETS;
export const CURRENT_FEATURE_SET: FeatureSetVersion = 'application-v1';

export const FEATURE_NAMES = new Set(APPLICATION_FEATURES_V1.map((d) => d.name));
