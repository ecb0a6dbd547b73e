/**
 * The data the bootstrap models were trained on, as row objects in the model's feature set:
 * German Credit (credit-v1, A9 never a column here) and the seeded synthetic fraud sample
 * (fraud-v1). Used to register the bootstrap champions' metrics and as the retraining
 * fallback when the platform has too few labelled outcomes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CREDIT_FEATURES, CREDIT_FEATURE_SET_VERSION, CREDIT_TARGET } from '../credit-features';
import { parseCsv } from '../data/csv';
import { FRAUD_FEATURE_NAMES, FRAUD_FEATURE_SET_VERSION, FRAUD_TARGET } from '../fraud-features';
import type { ModelKind } from '../scoring-types';
import { generateFraudBootstrapRows } from './fraud-bootstrap-data';
import { GERMAN_CSV } from './load-bootstrap';

export interface KindColumns {
  featureSetVersion: string;
  label: string;
  numeric: string[];
  categorical: string[];
}

/** Feature columns and target of each kind's feature set (what a training frame must hold). */
export function kindColumns(kind: ModelKind): KindColumns {
  if (kind === 'credit') {
    return {
      featureSetVersion: CREDIT_FEATURE_SET_VERSION,
      label: CREDIT_TARGET,
      numeric: CREDIT_FEATURES.filter((f) => f.type === 'numeric').map((f) => f.name),
      categorical: CREDIT_FEATURES.filter((f) => f.type === 'categorical').map((f) => f.name),
    };
  }
  return { featureSetVersion: FRAUD_FEATURE_SET_VERSION, label: FRAUD_TARGET, numeric: [...FRAUD_FEATURE_NAMES], categorical: [] };
}

export interface BootstrapData {
  source: string;
  rows: Array<Record<string, unknown>>;
  /** sha256 of the source data. */
  dataHash: string;
}

export function bootstrapTrainingData(kind: ModelKind): BootstrapData {
  if (kind === 'credit') {
    const text = readFileSync(GERMAN_CSV, 'utf8');
    const [header, ...body] = parseCsv(text);
    const rows = body.filter((r) => r.length === header!.length).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    return { source: 'German Credit (UCI Statlog), models/data/german-credit', rows, dataHash: createHash('sha256').update(text).digest('hex') };
  }
  const rows = generateFraudBootstrapRows();
  return { source: 'seeded synthetic fraud applications (models/bootstrap/fraud-bootstrap-data.ts)', rows, dataHash: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
}
