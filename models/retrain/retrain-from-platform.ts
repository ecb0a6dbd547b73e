/**
 * The training job's use case: builds the labelled training frame from the feature store
 * (decisions' point-in-time snapshots + outcome labels), maps it to the model's feature set,
 * retrains and registers a challenger compared with the champion on the same holdout.
 *
 * With fewer than MIN_LABELLED_ROWS labelled rows, or a single class, the platform's data
 * cannot train a comparable model: the shipped data is used instead (German Credit for the
 * credit model; the seeded synthetic sample for fraud, as the platform records no confirmed
 * fraud labels) and the result says so.
 */
import type { DbOrTx } from '../../db/client';
import { buildTrainingFrame } from '../../feature-store/build-training-frame';
import { creditModelRow } from '../../feature-store/model-rows';
import { bootstrapTrainingData, kindColumns } from '../bootstrap/bootstrap-data';
import type { ModelRegistryRepository } from '../registry/repository';
import type { ModelKind } from '../scoring-types';
import type { ModelType } from '../score/artifact';
import { retrain, type RetrainResult, type TrainingFrame } from './retrain';

export const MIN_LABELLED_ROWS = 200;

export interface PlatformRetrainInput {
  kind: ModelKind;
  name: string;
  requestedBy: string;
  newVersionId: string;
  now: Date;
  modelType?: ModelType;
  onProgress?: (fraction: number, stage: string) => void;
}

export interface PlatformRetrainResult extends RetrainResult {
  data: { source: 'platform' | 'fallback'; rows: number; platformLabelledRows: number; note: string };
}

async function platformFrame(db: DbOrTx, kind: ModelKind, now: Date): Promise<{ frame: TrainingFrame; labelled: number; classes: number }> {
  const cols = kindColumns(kind);
  const base = { featureSetVersion: cols.featureSetVersion, label: cols.label, positive: '1', numeric: cols.numeric, categorical: cols.categorical };
  if (kind === 'fraud') return { frame: { ...base, rows: [] }, labelled: 0, classes: 0 };
  const rows = await buildTrainingFrame(db, { from: new Date(0), to: now, labelsAsOf: now });
  const labelled = rows.filter((r) => r.label !== null).map((r) => ({ ...creditModelRow(r.features), [cols.label]: r.label === 'bad' ? '1' : '0' }));
  const classes = new Set(labelled.map((r) => r[cols.label])).size;
  return { frame: { ...base, rows: labelled, source: `platform decisions with outcome labels as of ${now.toISOString()}` }, labelled: labelled.length, classes };
}

export async function retrainFromPlatform(deps: { db: DbOrTx; repo: ModelRegistryRepository }, input: PlatformRetrainInput): Promise<PlatformRetrainResult> {
  const progress = input.onProgress ?? (() => undefined);
  progress(0.01, 'building the training frame');
  const platform = await platformFrame(deps.db, input.kind, input.now);
  const enough = platform.labelled >= MIN_LABELLED_ROWS && platform.classes === 2;
  let frame = platform.frame;
  let note = `trained on ${platform.labelled} labelled platform rows`;
  if (!enough) {
    const data = bootstrapTrainingData(input.kind);
    frame = { ...platform.frame, rows: data.rows, source: data.source };
    const why = input.kind === 'fraud' ? 'the platform records no confirmed-fraud labels' : platform.classes < 2 && platform.labelled > 0 ? `the ${platform.labelled} labelled platform rows hold a single class` : `only ${platform.labelled} labelled platform rows (< ${MIN_LABELLED_ROWS})`;
    note = `fallback: ${why}; trained on ${data.source} so the challenger is comparable with the champion (a bootstrap champion saw these rows in training: its holdout figures are optimistic)`;
  }
  const result = await retrain(frame, {
    repo: deps.repo,
    kind: input.kind,
    newVersionId: input.newVersionId,
    name: input.name,
    owner: 'risk-models',
    createdBy: input.requestedBy,
    now: input.now,
    modelType: input.modelType ?? (input.kind === 'credit' ? 'scorecard' : 'nn'),
    asChallenger: true,
    onProgress: (f, stage) => progress(0.05 + 0.95 * f, stage),
  });
  return { ...result, data: { source: enough ? 'platform' : 'fallback', rows: frame.rows.length, platformLabelledRows: platform.labelled, note } };
}
