/**
 * The fraud model's input contract (feature set `fraud-v1`): numbers only, computed by the
 * feature store at application time (velocity counts over sliding windows, identity checks).
 */
import { z } from 'zod';

export const FRAUD_FEATURE_SET_VERSION = 'fraud-v1';

export interface FraudFeature {
  name: string;
  /** Which feature-store computation fills it. */
  mapsFrom: string;
  label: { en: string; zh: string };
}

export const FRAUD_FEATURES: readonly FraudFeature[] = [
  { name: 'device_applications_24h', mapsFrom: 'applications from the same device fingerprint in the last 24 h', label: { en: 'Applications from this device (24h)', zh: '同设备24小时申请次数' } },
  { name: 'ip_applications_24h', mapsFrom: 'applications from the same IP address in the last 24 h', label: { en: 'Applications from this IP (24h)', zh: '同IP 24小时申请次数' } },
  { name: 'id_applications_30d', mapsFrom: 'applications with the same national ID number in the last 30 days', label: { en: 'Applications with this ID (30d)', zh: '同身份证30天申请次数' } },
  { name: 'phone_applications_30d', mapsFrom: 'applications with the same phone number in the last 30 days', label: { en: 'Applications with this phone (30d)', zh: '同手机号30天申请次数' } },
  { name: 'device_distinct_ids_30d', mapsFrom: 'distinct ID numbers seen on this device in the last 30 days', label: { en: 'Identities sharing this device (30d)', zh: '同设备30天关联身份数' } },
  { name: 'phone_distinct_ids_30d', mapsFrom: 'distinct ID numbers that used this phone number in the last 30 days', label: { en: 'Identities sharing this phone (30d)', zh: '同手机号30天关联身份数' } },
  { name: 'id_age_days', mapsFrom: 'days since this identity was first seen by any data source (thin file = synthetic-identity signal)', label: { en: 'Identity age (days)', zh: '身份首次出现天数' } },
  { name: 'phone_tenure_days', mapsFrom: 'days the phone number has been registered to this person (carrier check)', label: { en: 'Phone tenure (days)', zh: '手机号在网天数' } },
  { name: 'name_id_mismatch', mapsFrom: '1 if the real-name check of name vs ID failed or was partial, else 0', label: { en: 'Name/ID check mismatch', zh: '姓名身份证核验不一致' } },
  { name: 'address_mismatch', mapsFrom: '1 if the declared address does not match the ID region or geolocation, else 0', label: { en: 'Address mismatch', zh: '地址不一致' } },
  { name: 'income_to_employment_flag', mapsFrom: '1 if declared income is implausible for declared occupation/tenure, else 0', label: { en: 'Income implausible for employment', zh: '收入与职业不符' } },
  { name: 'requested_to_income_ratio', mapsFrom: 'requested amount / declared monthly income', label: { en: 'Requested amount vs income', zh: '申请金额收入比' } },
  { name: 'age_years', mapsFrom: 'applicant age in whole years', label: { en: 'Age', zh: '年龄' } },
  { name: 'hour_of_day', mapsFrom: 'local hour (0–23) the application was submitted', label: { en: 'Hour of submission', zh: '申请提交时段' } },
  { name: 'form_fill_seconds', mapsFrom: 'seconds between opening and submitting the form (bots are fast)', label: { en: 'Form fill time (s)', zh: '填表用时（秒）' } },
  { name: 'email_domain_disposable', mapsFrom: '1 if the email domain is on the disposable-domain list, else 0', label: { en: 'Disposable email', zh: '一次性邮箱' } },
] as const;

export const FRAUD_FEATURE_NAMES = FRAUD_FEATURES.map((f) => f.name);

export const FRAUD_TARGET = 'fraud';

const shape: Record<string, z.ZodType> = {};
for (const f of FRAUD_FEATURES) shape[f.name] = z.number().finite().nullable();

/** One fraud-model input row. */
export const fraudModelInputSchema = z.object(shape).strict();
export type FraudModelInput = Record<(typeof FRAUD_FEATURES)[number]['name'], number | null>;
