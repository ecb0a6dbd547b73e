/**
 * Retraining from feature-store snapshots with outcome labels. Pure apart from the
 * repository: trains a challenger on the training part, scores it and the current champion
 * on the same holdout, registers the challenger as a draft with both figures. The lead wires
 * this into a sandboxed BullMQ processor.
 */
import { createHash } from 'node:crypto';
import { selectDataset } from '../data/frame';
import { datasetFromRows } from '../data/load-dataset';
import { stratifiedFolds } from '../eval/folds';
import type { ModelVersion } from '../registry/model-version';
import { setChallenger } from '../registry/promote-model';
import { registerModelVersion } from '../registry/register-model-version';
import { baselineOf, evaluateArtifact } from '../registry/version-metrics';
import type { ModelRegistryRepository } from '../registry/repository';
import type { ModelKind } from '../scoring-types';
import type { ModelType } from '../score/artifact';
import { fitModel } from '../train/fit-model';

export interface TrainingFrame {
  featureSetVersion: string;
  rows: ReadonlyArray<Record<string, unknown>>;
  label: string;
  positive: string;
  /** Columns that must not be inputs (ids, protected attributes). */
  exclude?: string[];
  /** Force column types (otherwise detected from the values). */
  numeric?: string[];
  categorical?: string[];
  /** Where the rows came from, stored with the version. */
  source?: string;
}

export interface RetrainOptions {
  repo: ModelRegistryRepository;
  kind: ModelKind;
  newVersionId: string;
  name: string;
  owner: string;
  now: Date;
  seed?: number;
  modelType?: ModelType;
  holdoutFraction?: number;
  /** Who asked for the retrain (defaults to the owner). */
  createdBy?: string;
  /** Register the new version as the kind's challenger: it then scores live traffic in shadow only. */
  asChallenger?: boolean;
  /** Progress in [0, 1] with a short stage name. */
  onProgress?: (fraction: number, stage: string) => void;
}

export interface RetrainResult {
  challenger: ModelVersion;
  holdout: { n: number; challengerAuc: number; championAuc?: number; challengerBrier: number; championBrier?: number };
}

export async function retrain(frame: TrainingFrame, o: RetrainOptions): Promise<RetrainResult> {
  const existing = await o.repo.getVersion(o.newVersionId);
  if (existing) {
    // At-least-once delivery: the version was registered by an earlier attempt.
    return { challenger: existing, holdout: (existing.metrics as { holdout: RetrainResult['holdout'] }).holdout };
  }
  const progress = o.onProgress ?? (() => undefined);
  progress(0.05, 'preparing data');
  const ds = datasetFromRows(frame.rows, { target: frame.label, positive: frame.positive, exclude: frame.exclude, numeric: frame.numeric, categorical: frame.categorical });
  const seed = o.seed ?? 42;
  const k = Math.max(2, Math.round(1 / (o.holdoutFraction ?? 0.2)));
  const folds = stratifiedFolds(ds.y, k, seed);
  const tr: number[] = [];
  const ho: number[] = [];
  folds.forEach((f, i) => (f === 0 ? ho : tr).push(i));
  const train = selectDataset(ds, tr);
  const holdout = selectDataset(ds, ho);
  progress(0.1, 'training');
  const onProgress = (done: number, total: number) => progress(0.1 + 0.7 * Math.min(1, done / Math.max(total, 1)), 'training');
  const artifact = await fitModel(train, { modelType: o.modelType ?? 'auto', kind: o.kind, featureSetVersion: frame.featureSetVersion, target: { name: frame.label, positive: frame.positive }, seed, onProgress });
  progress(0.85, 'evaluating on the holdout');
  const sample = `holdout (${holdout.y.length} of ${ds.y.length} rows, stratified)`;
  const chReport = evaluateArtifact(artifact, holdout, sample);
  const ch = chReport;
  const champion = (await o.repo.listVersions(o.kind)).find((v) => v.role === 'champion');
  const cpReport = champion ? evaluateArtifact(champion.artifact, holdout, sample) : undefined;
  const cp = cpReport;
  const holdoutFigures = { n: holdout.y.length, challengerAuc: ch.auc, championAuc: cp?.auc, challengerBrier: ch.brier, championBrier: cp?.brier };
  progress(0.95, 'registering');
  const challenger = await registerModelVersion(o.repo, {
    id: o.newVersionId, name: o.name, artifact, owner: o.owner, createdBy: o.createdBy ?? o.owner, now: o.now,
    intendedUse: `${o.kind} scoring (retrained challenger)`,
    metrics: {
      holdout: holdoutFigures,
      championId: champion?.id ?? null,
      evaluation: chReport,
      championEvaluation: cpReport ?? null,
      baseline: baselineOf(artifact, ds),
      trainingSource: frame.source ?? null,
      trainingRows: ds.y.length,
    },
    trainingDataHash: createHash('sha256').update(JSON.stringify(frame.rows)).digest('hex'),
  });
  if (o.asChallenger) {
    await setChallenger(o.repo, challenger.id);
    challenger.role = 'challenger';
  }
  progress(1, 'done');
  return { challenger, holdout: holdoutFigures };
}
