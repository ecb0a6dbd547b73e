/**
 * First-start models. Credit: scorecard on the shipped German Credit CSV (A9 never an input).
 * Fraud: network on seeded synthetic applications. The trained artifact JSON is cached under
 * models/artifacts/ keyed by a hash of the data and the training recipe, so a restart loads
 * instead of retraining, and a changed recipe retrains. The shipped artifacts are committed:
 * a fresh clone starts (and CI tests) without training them first.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CREDIT_FEATURE_NAMES, CREDIT_FEATURE_SET_VERSION, CREDIT_FEATURES, CREDIT_TARGET } from '../credit-features';
import { FRAUD_FEATURE_NAMES, FRAUD_FEATURE_SET_VERSION, FRAUD_TARGET } from '../fraud-features';
import { datasetFromCsv, datasetFromRows } from '../data/load-dataset';
import type { ModelKind, ModelScorer } from '../scoring-types';
import type { ModelArtifact } from '../score/artifact';
import { buildScorerFromArtifact, parseArtifactJson } from '../score/build-scorer';
import { fitModel } from '../train/fit-model';
import { generateFraudBootstrapRows } from './fraud-bootstrap-data';

const here = path.dirname(fileURLToPath(import.meta.url));
export const GERMAN_CSV = path.join(here, '..', 'data', 'german-credit', 'german-credit.csv');
const DEFAULT_CACHE = path.join(here, '..', 'artifacts');
/** Bump when the training recipe changes so cached bootstrap artifacts are rebuilt. */
const RECIPE = 'bootstrap-v1';
const SEED = 42;

export interface BootstrapOptions {
  cacheDir?: string;
}

export async function trainCreditBootstrapArtifact(): Promise<{ artifact: ModelArtifact; dataHash: string }> {
  const text = readFileSync(GERMAN_CSV, 'utf8');
  const ds = datasetFromCsv(text, {
    target: CREDIT_TARGET,
    positive: '1',
    numeric: CREDIT_FEATURES.filter((f) => f.type === 'numeric').map((f) => f.name),
    categorical: CREDIT_FEATURES.filter((f) => f.type === 'categorical').map((f) => f.name),
  });
  const artifact = await fitModel(ds, { modelType: 'scorecard', kind: 'credit', featureSetVersion: CREDIT_FEATURE_SET_VERSION, target: { name: CREDIT_TARGET, positive: '1' }, seed: SEED });
  return { artifact, dataHash: createHash('sha256').update(text).digest('hex') };
}

export async function trainFraudBootstrapArtifact(): Promise<{ artifact: ModelArtifact; dataHash: string }> {
  const rows = generateFraudBootstrapRows();
  const ds = datasetFromRows(rows, { target: FRAUD_TARGET, positive: '1', numeric: FRAUD_FEATURE_NAMES });
  const artifact = await fitModel(ds, { modelType: 'nn', kind: 'fraud', featureSetVersion: FRAUD_FEATURE_SET_VERSION, target: { name: FRAUD_TARGET, positive: '1' }, seed: SEED });
  return { artifact, dataHash: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
}

async function cached(name: string, key: string, train: () => Promise<{ artifact: ModelArtifact }>, cacheDir: string): Promise<{ artifact: ModelArtifact; id: string }> {
  const id = `${name}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
  const file = path.join(cacheDir, `${id}.json`);
  if (existsSync(file)) return { artifact: parseArtifactJson(readFileSync(file, 'utf8')), id };
  const { artifact } = await train();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, JSON.stringify(artifact));
  return { artifact, id };
}

/** The bootstrap artifact of a kind and its version id (`credit-bootstrap-<hash>`), trained once and cached. */
export async function loadBootstrapArtifact(kind: ModelKind, options: BootstrapOptions = {}): Promise<{ artifact: ModelArtifact; id: string }> {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE;
  if (kind === 'credit') {
    const key = `${RECIPE}|${readFileSync(GERMAN_CSV, 'utf8')}|${CREDIT_FEATURE_NAMES.join(',')}`;
    return cached('credit-bootstrap', key, trainCreditBootstrapArtifact, cacheDir);
  }
  return cached('fraud-bootstrap', `${RECIPE}|${FRAUD_FEATURE_NAMES.join(',')}`, trainFraudBootstrapArtifact, cacheDir);
}

export async function loadBootstrapCreditScorer(options: BootstrapOptions = {}): Promise<ModelScorer> {
  const { artifact, id } = await loadBootstrapArtifact('credit', options);
  return buildScorerFromArtifact(artifact, id);
}

export async function loadBootstrapFraudScorer(options: BootstrapOptions = {}): Promise<ModelScorer> {
  const { artifact, id } = await loadBootstrapArtifact('fraud', options);
  return buildScorerFromArtifact(artifact, id);
}
