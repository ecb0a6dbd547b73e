/** K-fold cross-validation: each fold's model (preprocessing included) is fitted on the other folds only. */
import { mean, sd } from '../core/math';
import { selectDataset, type Dataset } from '../data/frame';
import { compileModel } from '../score/compiled-model';
import { fitModel, type FitOptions } from '../train/fit-model';
import { auc, brier, ks } from './metrics';
import { foldIds } from './folds';

export interface MetricSummary {
  mean: number;
  sd: number;
  folds: number[];
}

export interface CvResult {
  auc: MetricSummary;
  ks: MetricSummary;
  brier: MetricSummary;
  /** Out-of-fold probability for every row. */
  oof: Float64Array;
}

const summary = (xs: number[]): MetricSummary => ({ mean: mean(xs), sd: sd(xs), folds: xs });

export interface CvHooks {
  onFold?: (done: number, total: number) => void;
  /** Sees each fold's fitted artifact (used by the leakage test). */
  onFoldModel?: (foldId: number, artifact: import('../score/artifact').ModelArtifact) => void;
}

export async function crossValidate(ds: Dataset, folds: Int32Array, options: FitOptions, hooks: CvHooks = {}): Promise<CvResult> {
  const ids = foldIds(folds);
  const aucs: number[] = [];
  const kss: number[] = [];
  const briers: number[] = [];
  const oof = new Float64Array(ds.y.length);
  let k = 0;
  for (const id of ids) {
    const tr: number[] = [];
    const te: number[] = [];
    for (let i = 0; i < folds.length; i++) (folds[i] === id ? te : tr).push(i);
    const train = selectDataset(ds, tr);
    const test = selectDataset(ds, te);
    const artifact = await fitModel(train, {
      ...options,
      onProgress: (d, t) => options.onProgress?.(k * t + d, ids.length * t),
    });
    hooks.onFoldModel?.(id, artifact);
    const p = compileModel(artifact).probabilityBatch(test.frame);
    te.forEach((row, j) => (oof[row] = p[j]!));
    aucs.push(auc(p, test.y));
    kss.push(ks(p, test.y));
    briers.push(brier(p, test.y));
    hooks.onFold?.(++k, ids.length);
  }
  return { auc: summary(aucs), ks: summary(kss), brier: summary(briers), oof };
}
