/**
 * The credit model's input contract (feature set `credit-v1`).
 *
 * One row per loan application. The decision engine maps each application to this row;
 * the bootstrap model is trained on the German Credit data (UCI 144) whose attributes
 * A1..A20 are mapped here to readable names and values. A9 (personal status and sex) is
 * deliberately absent: it is miscoded in the source and a protected attribute, so it is
 * used only for the fairness screen (see monitoring/), never as an input.
 */
import { z } from 'zod';

export const CREDIT_FEATURE_SET_VERSION = 'credit-v1';

export type FeatureType = 'numeric' | 'categorical';

export interface CategoryValue {
  /** Readable value used in rows, e.g. `lt_0`. */
  value: string;
  /** The German Credit code it comes from, e.g. `A11`. */
  germanCode: string;
  label: { en: string; zh: string };
}

export interface CreditFeature {
  name: string;
  germanAttribute: string;
  type: FeatureType;
  /** Which loan-application field the decision engine maps into this feature. */
  mapsFrom: string;
  label: { en: string; zh: string };
  categories?: readonly CategoryValue[];
}

const cat = (value: string, germanCode: string, en: string, zh: string): CategoryValue => ({
  value,
  germanCode,
  label: { en, zh },
});

export const CREDIT_FEATURES: readonly CreditFeature[] = [
  {
    name: 'checking_status', germanAttribute: 'A1', type: 'categorical',
    mapsFrom: 'application.bankAccount.checkingBalanceBand (from bank-statement upload; none if no account)',
    label: { en: 'Checking account status', zh: '活期账户状态' },
    categories: [
      cat('lt_0', 'A11', 'Overdrawn (< 0)', '透支（小于0）'),
      cat('0_to_200', 'A12', 'Low balance (0 to 200)', '余额较低（0至200）'),
      cat('ge_200', 'A13', 'Balance ≥ 200 or salary account ≥ 1 year', '余额≥200或工资账户满一年'),
      cat('none', 'A14', 'No checking account', '无活期账户'),
    ],
  },
  {
    name: 'duration_months', germanAttribute: 'A2', type: 'numeric',
    mapsFrom: 'application.termMonths',
    label: { en: 'Loan term (months)', zh: '借款期限（月）' },
  },
  {
    name: 'credit_history', germanAttribute: 'A3', type: 'categorical',
    mapsFrom: 'creditBureau.historyStatus (credit report summary)',
    label: { en: 'Credit history', zh: '信用记录' },
    categories: [
      cat('no_credits_all_paid', 'A30', 'No credits taken / all paid back duly', '无借款或均按时还清'),
      cat('all_paid_this_bank', 'A31', 'All credits on this platform paid back duly', '本平台借款均按时还清'),
      cat('existing_paid', 'A32', 'Existing credits paid back duly till now', '现有借款按时还款'),
      cat('delayed_previously', 'A33', 'Delays in paying off in the past', '过去曾有逾期'),
      cat('critical_other_credits', 'A34', 'Critical account / credits elsewhere', '关注账户或他处有借款'),
    ],
  },
  {
    name: 'purpose', germanAttribute: 'A4', type: 'categorical',
    mapsFrom: 'application.purpose',
    label: { en: 'Loan purpose', zh: '借款用途' },
    categories: [
      cat('new_car', 'A40', 'New car', '新车'),
      cat('used_car', 'A41', 'Used car', '二手车'),
      cat('furniture_equipment', 'A42', 'Furniture / equipment', '家具设备'),
      cat('radio_tv', 'A43', 'Radio / television', '家电影音'),
      cat('domestic_appliances', 'A44', 'Domestic appliances', '家用电器'),
      cat('repairs', 'A45', 'Repairs', '维修'),
      cat('education', 'A46', 'Education', '教育'),
      cat('vacation', 'A47', 'Vacation', '旅游'),
      cat('retraining', 'A48', 'Retraining', '职业培训'),
      cat('business', 'A49', 'Business', '经营'),
      cat('other', 'A410', 'Other', '其他'),
    ],
  },
  {
    name: 'credit_amount', germanAttribute: 'A5', type: 'numeric',
    mapsFrom: 'application.amountFen converted to yuan (a model feature, not money arithmetic)',
    label: { en: 'Loan amount', zh: '借款金额' },
  },
  {
    name: 'savings_status', germanAttribute: 'A6', type: 'categorical',
    mapsFrom: 'application.savingsBalanceBand (self-declared, verified against statements)',
    label: { en: 'Savings', zh: '储蓄状况' },
    categories: [
      cat('lt_100', 'A61', 'Savings < 100', '储蓄少于100'),
      cat('100_to_500', 'A62', 'Savings 100 to 500', '储蓄100至500'),
      cat('500_to_1000', 'A63', 'Savings 500 to 1000', '储蓄500至1000'),
      cat('ge_1000', 'A64', 'Savings ≥ 1000', '储蓄不少于1000'),
      cat('unknown_none', 'A65', 'No savings / unknown', '无储蓄或未知'),
    ],
  },
  {
    name: 'employment_since', germanAttribute: 'A7', type: 'categorical',
    mapsFrom: 'application.employment.startDate → years employed band (unemployed if no employer)',
    label: { en: 'Time in current employment', zh: '现职工作年限' },
    categories: [
      cat('unemployed', 'A71', 'Unemployed', '无业'),
      cat('lt_1y', 'A72', 'Less than 1 year', '不足1年'),
      cat('1_to_4y', 'A73', '1 to 4 years', '1至4年'),
      cat('4_to_7y', 'A74', '4 to 7 years', '4至7年'),
      cat('ge_7y', 'A75', '7 years or more', '7年及以上'),
    ],
  },
  {
    name: 'installment_rate_pct', germanAttribute: 'A8', type: 'numeric',
    mapsFrom: 'monthly instalment / disposable income, banded 1–4 (higher = heavier burden)',
    label: { en: 'Instalment burden', zh: '月供收入比' },
  },
  {
    name: 'other_parties', germanAttribute: 'A10', type: 'categorical',
    mapsFrom: 'application.guarantor (none / co-applicant / guarantor)',
    label: { en: 'Other debtors / guarantors', zh: '共同借款人或担保人' },
    categories: [
      cat('none', 'A101', 'None', '无'),
      cat('co_applicant', 'A102', 'Co-applicant', '共同借款人'),
      cat('guarantor', 'A103', 'Guarantor', '担保人'),
    ],
  },
  {
    name: 'residence_since', germanAttribute: 'A11', type: 'numeric',
    mapsFrom: 'application.address.sinceDate → years at current address (1–4, capped)',
    label: { en: 'Years at current address', zh: '现住址居住年限' },
  },
  {
    name: 'property', germanAttribute: 'A12', type: 'categorical',
    mapsFrom: 'application.assets.mostValuable',
    label: { en: 'Property', zh: '资产情况' },
    categories: [
      cat('real_estate', 'A121', 'Real estate', '房产'),
      cat('savings_insurance', 'A122', 'Savings agreement / life insurance', '储蓄协议或人寿保险'),
      cat('car_other', 'A123', 'Car or other', '汽车或其他'),
      cat('unknown_none', 'A124', 'No property / unknown', '无资产或未知'),
    ],
  },
  {
    name: 'age_years', germanAttribute: 'A13', type: 'numeric',
    mapsFrom: 'applicant.birthDate → whole years at application date',
    label: { en: 'Age', zh: '年龄' },
  },
  {
    name: 'other_payment_plans', germanAttribute: 'A14', type: 'categorical',
    mapsFrom: 'creditBureau.otherInstalmentPlans',
    label: { en: 'Other instalment plans', zh: '其他分期计划' },
    categories: [
      cat('bank', 'A141', 'With a bank', '银行分期'),
      cat('stores', 'A142', 'With stores', '商户分期'),
      cat('none', 'A143', 'None', '无'),
    ],
  },
  {
    name: 'housing', germanAttribute: 'A15', type: 'categorical',
    mapsFrom: 'application.housingStatus',
    label: { en: 'Housing', zh: '住房情况' },
    categories: [
      cat('rent', 'A151', 'Rent', '租房'),
      cat('own', 'A152', 'Own', '自有住房'),
      cat('for_free', 'A153', 'Lives for free', '免费居住'),
    ],
  },
  {
    name: 'existing_credits', germanAttribute: 'A16', type: 'numeric',
    mapsFrom: 'count of the borrower’s open loans on this platform (including this one)',
    label: { en: 'Existing loans on the platform', zh: '本平台现有借款笔数' },
  },
  {
    name: 'job', germanAttribute: 'A17', type: 'categorical',
    mapsFrom: 'application.employment.occupationClass',
    label: { en: 'Occupation', zh: '职业' },
    categories: [
      cat('unemployed_unskilled_nonresident', 'A171', 'Unemployed / unskilled non-resident', '无业或非本地非技术人员'),
      cat('unskilled_resident', 'A172', 'Unskilled resident', '本地非技术人员'),
      cat('skilled', 'A173', 'Skilled employee / official', '技术人员或职员'),
      cat('management_self_employed', 'A174', 'Management / self-employed / highly qualified', '管理层、自雇或高级专业人员'),
    ],
  },
  {
    name: 'num_dependents', germanAttribute: 'A18', type: 'numeric',
    mapsFrom: 'application.household.dependents',
    label: { en: 'Number of dependents', zh: '供养人数' },
  },
  {
    name: 'own_telephone', germanAttribute: 'A19', type: 'categorical',
    mapsFrom: 'applicant.phone verified under own name (real-name registration check)',
    label: { en: 'Phone registered in own name', zh: '本人实名手机' },
    categories: [
      cat('none', 'A191', 'None', '无'),
      cat('yes', 'A192', 'Yes, registered in own name', '有，本人实名登记'),
    ],
  },
  {
    name: 'foreign_worker', germanAttribute: 'A20', type: 'categorical',
    mapsFrom: 'applicant.hukou/residence: yes when working outside the registered residence region',
    label: { en: 'Non-local worker', zh: '外地务工' },
    categories: [
      cat('yes', 'A201', 'Yes', '是'),
      cat('no', 'A202', 'No', '否'),
    ],
  },
] as const;

/** Target column in the shipped CSV: 1 = bad (German class 2), 0 = good. */
export const CREDIT_TARGET = 'default';

export const CREDIT_FEATURE_NAMES = CREDIT_FEATURES.map((f) => f.name);

const categoryEnum = (f: CreditFeature) => {
  const values = (f.categories ?? []).map((c) => c.value) as [string, ...string[]];
  return z.enum(values);
};

const shape: Record<string, z.ZodType> = {};
for (const f of CREDIT_FEATURES) {
  // null = unknown at application time; the preprocessing has a missing bucket for it.
  shape[f.name] = f.type === 'numeric' ? z.number().finite().nullable() : categoryEnum(f).nullable();
}

/** One credit-model input row, as the decision engine must produce it. */
export const creditModelInputSchema = z.object(shape).strict();

export interface CreditModelInput {
  checking_status: 'lt_0' | '0_to_200' | 'ge_200' | 'none' | null;
  duration_months: number | null;
  credit_history:
    | 'no_credits_all_paid' | 'all_paid_this_bank' | 'existing_paid' | 'delayed_previously'
    | 'critical_other_credits' | null;
  purpose:
    | 'new_car' | 'used_car' | 'furniture_equipment' | 'radio_tv' | 'domestic_appliances' | 'repairs'
    | 'education' | 'vacation' | 'retraining' | 'business' | 'other' | null;
  credit_amount: number | null;
  savings_status: 'lt_100' | '100_to_500' | '500_to_1000' | 'ge_1000' | 'unknown_none' | null;
  employment_since: 'unemployed' | 'lt_1y' | '1_to_4y' | '4_to_7y' | 'ge_7y' | null;
  installment_rate_pct: number | null;
  other_parties: 'none' | 'co_applicant' | 'guarantor' | null;
  residence_since: number | null;
  property: 'real_estate' | 'savings_insurance' | 'car_other' | 'unknown_none' | null;
  age_years: number | null;
  other_payment_plans: 'bank' | 'stores' | 'none' | null;
  housing: 'rent' | 'own' | 'for_free' | null;
  existing_credits: number | null;
  job: 'unemployed_unskilled_nonresident' | 'unskilled_resident' | 'skilled' | 'management_self_employed' | null;
  num_dependents: number | null;
  own_telephone: 'none' | 'yes' | null;
  foreign_worker: 'yes' | 'no' | null;
}

/** German code (e.g. `A11`) → readable value, for converting german.data. */
export function germanCodeToValue(featureName: string, code: string): string {
  const f = CREDIT_FEATURES.find((x) => x.name === featureName);
  const c = f?.categories?.find((x) => x.germanCode === code);
  if (!c) throw new Error(`unknown German code ${code} for ${featureName}`);
  return c.value;
}
