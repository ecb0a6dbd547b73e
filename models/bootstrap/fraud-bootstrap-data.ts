/**
 * Seeded synthetic applications for the fraud model until confirmed fraud cases exist.
 * Documented fraud patterns (each fraud row follows one):
 *  - shared devices: one device fingerprint submits for many identities (device_distinct_ids_30d
 *    4–15, device_applications_24h 3–20);
 *  - synthetic identities: thin, new identities (id_age_days < 90, phone_tenure_days < 60,
 *    name/ID check mismatch more likely, disposable email);
 *  - bursts: scripted submissions from one IP in a short window (ip_applications_24h 5–40,
 *    form_fill_seconds < 40, mostly 0–5 h).
 * Legitimate rows draw from broad everyday ranges, with some noise overlapping the patterns.
 */
import { makeRng, normal, type Rng } from '../core/rng';
import { FRAUD_TARGET, type FraudModelInput } from '../fraud-features';

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const poisson = (rng: Rng, lambda: number) => {
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = rng();
  while (u > s && k < 100) {
    k++;
    p *= lambda / k;
    s += p;
  }
  return k;
};

function legitimate(rng: Rng): FraudModelInput {
  return {
    device_applications_24h: 1 + poisson(rng, 0.15),
    ip_applications_24h: 1 + poisson(rng, 0.4),
    id_applications_30d: 1 + poisson(rng, 0.2),
    phone_applications_30d: 1 + poisson(rng, 0.2),
    device_distinct_ids_30d: 1 + (rng() < 0.08 ? 1 : 0),
    phone_distinct_ids_30d: 1 + (rng() < 0.03 ? 1 : 0),
    id_age_days: Math.round(365 * Math.max(0.1, 3 + 4 * rng() + normal(rng))),
    phone_tenure_days: Math.round(Math.max(5, 365 * (1 + 5 * rng()))),
    name_id_mismatch: rng() < 0.02 ? 1 : 0,
    address_mismatch: rng() < 0.08 ? 1 : 0,
    income_to_employment_flag: rng() < 0.05 ? 1 : 0,
    requested_to_income_ratio: Math.round(Math.max(0.2, 2 + 2 * normal(rng)) * 100) / 100,
    age_years: int(rng, 20, 62),
    hour_of_day: Math.min(23, Math.max(0, Math.round(14 + 4 * normal(rng)))),
    form_fill_seconds: Math.round(Math.max(45, 240 + 120 * normal(rng))),
    email_domain_disposable: rng() < 0.02 ? 1 : 0,
  };
}

function fraudulent(rng: Rng): FraudModelInput {
  const base = legitimate(rng);
  const pattern = rng();
  if (pattern < 0.4) {
    base.device_distinct_ids_30d = int(rng, 4, 15);
    base.device_applications_24h = int(rng, 3, 20);
    base.phone_applications_30d = 1 + poisson(rng, 1);
  } else if (pattern < 0.7) {
    base.id_age_days = int(rng, 1, 90);
    base.phone_tenure_days = int(rng, 1, 60);
    base.name_id_mismatch = rng() < 0.4 ? 1 : 0;
    base.email_domain_disposable = rng() < 0.5 ? 1 : 0;
    base.income_to_employment_flag = rng() < 0.5 ? 1 : 0;
    base.requested_to_income_ratio = Math.round((4 + 4 * rng()) * 100) / 100;
  } else {
    base.ip_applications_24h = int(rng, 5, 40);
    base.form_fill_seconds = int(rng, 8, 40);
    base.hour_of_day = rng() < 0.7 ? int(rng, 0, 5) : int(rng, 0, 23);
    base.phone_distinct_ids_30d = rng() < 0.3 ? int(rng, 2, 5) : 1;
  }
  return base;
}

export interface FraudBootstrapOptions {
  rows: number;
  fraudRate: number;
  seed: number;
}

export const FRAUD_BOOTSTRAP_DEFAULTS: FraudBootstrapOptions = { rows: 4000, fraudRate: 0.04, seed: 20240501 };

export function generateFraudBootstrapRows(o: FraudBootstrapOptions = FRAUD_BOOTSTRAP_DEFAULTS): Array<FraudModelInput & { [FRAUD_TARGET]: number }> {
  const rng = makeRng(o.seed);
  return Array.from({ length: o.rows }, () => {
    const isFraud = rng() < o.fraudRate;
    return { ...(isFraud ? fraudulent(rng) : legitimate(rng)), [FRAUD_TARGET]: isFraud ? 1 : 0 };
  });
}
