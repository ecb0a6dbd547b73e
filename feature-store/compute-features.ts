import { scheduleAmounts } from '../lending/schedules/build-schedule';
import { chinaDate, chinaTimeOfDay } from '../kernel/calendar';
import { parseYuan } from '../kernel/money';
import { ageOn } from '../identity/resident-id';
import type { ApplicationInput } from './application-input';
import type { BureauReport } from './credit-bureau';
import type { FeatureSnapshot } from './definitions';
import type { BorrowerExposure } from './exposure-source';
import type { PlatformHistory } from './platform-history';
import type { VelocityReading } from './velocity';

export interface FeatureSources {
  application: ApplicationInput;
  identity: { verified: boolean; birthDate: string | null };
  history: PlatformHistory;
  exposure: BorrowerExposure;
  velocity: VelocityReading;
  bureau: BureauReport | null;
  decidedAt: Date;
  /** Affordability is stress-tested at the legal rate cap: the highest rate we could ever charge. */
  stressRateBps: number;
}

/** Largest regular installment; an interest-first balloon is excluded (it is refinanced or saved for). */
export function installmentEstimateFen(amountFen: bigint, termMonths: number, method: ApplicationInput['repaymentMethod'], rateBps: number): bigint {
  const schedule = scheduleAmounts({ principalFen: amountFen, annualRateBps: rateBps, termMonths, method });
  const regular = method === 'interest_first' && schedule.length > 1 ? schedule.slice(0, -1) : schedule;
  return regular.reduce((max, i) => (i.totalFen > max ? i.totalFen : max), 0n);
}

/** Rough plausibility bands of monthly income by employment (yuan); outside them → flag. */
function incomeImplausible(app: ApplicationInput, incomeFen: bigint): boolean {
  const overYuan = (yuan: bigint) => incomeFen > yuan * 100n;
  if ((app.employment.status === 'unemployed' || app.employment.status === 'student') && overYuan(10_000n)) return true;
  if (app.employment.occupationClass === 'unemployed_unskilled_nonresident' && overYuan(20_000n)) return true;
  if (app.employment.occupationClass === 'unskilled_resident' && overYuan(50_000n)) return true;
  return app.borrowerType === 'individual' && overYuan(1_000_000n);
}

/**
 * Pure: turns the gathered sources into the feature snapshot stored with the decision.
 * Money features are numbers of fen (exact: caps are far below 2^53) so rules can compare them.
 */
export function computeFeatures(s: FeatureSources): FeatureSnapshot {
  const app = s.application;
  const amountFen = parseYuan(app.amount, { field: 'amount' });
  const incomeFen = parseYuan(app.monthlyIncome, { field: 'monthlyIncome' });
  const debtFen = parseYuan(app.monthlyDebtPayments, { field: 'monthlyDebtPayments' });
  const declaredFen = app.declaredOtherPlatformOutstanding === null ? null : parseYuan(app.declaredOtherPlatformOutstanding, { field: 'declaredOtherPlatformOutstanding' });
  const date = chinaDate(s.decidedAt);
  const beforeFen = s.exposure.outstandingPrincipalFen + s.exposure.pendingFen;
  const elsewhere = declaredFen === null && !s.bureau ? null : [declaredFen ?? 0n, s.bureau?.outstandingDebtFen ?? 0n].reduce((a, b) => (a > b ? a : b));
  const installment = installmentEstimateFen(amountFen, app.termMonths, app.repaymentMethod, s.stressRateBps);
  const income = Number(incomeFen);
  const v = s.velocity;
  // Keys in sorted order (a test holds them so): the snapshot is stored as canonical JSON, which
  // V8 writes natively when the keys are already in order; sorting a copy on every decision cost
  // ~3% of the compute thread.
  return {
    age_years: s.identity.birthDate ? ageOn(s.identity.birthDate, date) : null,
    amount_fen: Number(amountFen),
    amount_to_income_ratio: income > 0 ? Number(amountFen) / income : null,
    borrower_type: app.borrowerType,
    bureau_available: !!s.bureau,
    bureau_history_status: s.bureau?.historyStatus ?? null,
    bureau_inquiries_6m: s.bureau?.inquiries6m ?? null,
    bureau_other_instalment_plans: s.bureau?.otherInstalmentPlans ?? null,
    bureau_outstanding_debt_fen: s.bureau ? Number(s.bureau.outstandingDebtFen) : null,
    bureau_overdue_records_6m: s.bureau?.overdueRecords6m ?? null,
    bureau_score: s.bureau?.score ?? null,
    checking_balance_band: app.checkingBalanceBand,
    cross_platform_data_available: elsewhere !== null,
    cross_platform_exposure_after_fen: elsewhere === null ? null : Number(beforeFen + elsewhere + amountFen),
    cross_platform_exposure_before_fen: elsewhere === null ? null : Number(beforeFen + elsewhere),
    cross_platform_outstanding_fen: elsewhere === null ? null : Number(elsewhere),
    debt_to_income_after_ratio: income > 0 ? (Number(debtFen) + Number(installment)) / income : null,
    declared_other_platform_outstanding_fen: declaredFen === null ? null : Number(declaredFen),
    dependents: app.dependents,
    device_applications_1h: v.counts.device_applications_1h,
    device_applications_24h: v.counts.device_applications_24h,
    device_applications_30d: v.counts.device_applications_30d,
    device_blocklisted: v.blocklisted.device,
    device_distinct_ids_30d: v.deviceDistinctIds30d,
    employment_status: app.employment.status,
    employment_years: app.employment.yearsEmployed,
    existing_loans: s.history.existingLoans,
    form_fill_seconds: app.formFillSeconds ?? null,
    guarantor: app.guarantor,
    hour_of_day: chinaTimeOfDay(s.decidedAt).hour,
    housing_status: app.housing.status,
    id_age_days: s.bureau?.idAgeDays ?? null,
    id_applications_1h: v.counts.id_applications_1h,
    id_applications_24h: v.counts.id_applications_24h,
    id_applications_30d: v.counts.id_applications_30d,
    id_blocklisted: v.blocklisted.id,
    income_to_employment_flag: incomeImplausible(app, incomeFen) ? 1 : 0,
    installment_estimate_fen: Number(installment),
    ip_applications_1h: v.counts.ip_applications_1h,
    ip_applications_24h: v.counts.ip_applications_24h,
    ip_applications_30d: v.counts.ip_applications_30d,
    kyc_verified: s.identity.verified,
    monthly_debt_payments_fen: Number(debtFen),
    monthly_income_fen: income,
    most_valuable_asset: app.mostValuableAsset,
    non_local_worker: app.nonLocalWorker,
    occupation_class: app.employment.occupationClass,
    phone_applications_1h: v.counts.phone_applications_1h,
    phone_applications_24h: v.counts.phone_applications_24h,
    phone_applications_30d: v.counts.phone_applications_30d,
    phone_blocklisted: v.blocklisted.phone,
    phone_distinct_ids_30d: v.phoneDistinctIds30d,
    phone_tenure_days: s.bureau?.phoneTenureDays ?? null,
    platform_exposure_after_fen: Number(beforeFen + amountFen),
    platform_exposure_before_fen: Number(beforeFen),
    platform_outstanding_principal_fen: Number(s.exposure.outstandingPrincipalFen),
    platform_pending_exposure_fen: Number(s.exposure.pendingFen),
    prior_applications_90d: s.history.priorApplications90d,
    prior_declines_90d: s.history.priorDeclines90d,
    purpose: app.purpose,
    repayment_method: app.repaymentMethod,
    residence_years: app.housing.yearsAtAddress,
    savings_balance_band: app.savingsBalanceBand,
    term_months: app.termMonths,
  };
}
