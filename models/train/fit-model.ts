/**
 * Trains a model artifact from a labelled dataset. Every model type goes through the same
 * path: components are fitted on inner training splits, their held-out logits fit the blend
 * weights and the calibration, then (on small data) the components are refitted on all rows.
 * Preprocessing is fitted inside each split on its training rows only.
 */
import { logit } from '../core/math';
import { selectDataset, type Dataset } from '../data/frame';
import { stratifiedFolds } from '../eval/folds';
import { buildDesign, buildTrainingDesign, type DesignMatrices } from '../preprocess/design-matrix';
import { fitPreprocessor } from '../preprocess/fit-preprocessor';
import type { PreprocessorState } from '../preprocess/state';
import { buildReasons } from '../explain/reason-codes';
import type { ModelKind } from '../scoring-types';
import { DEFAULT_SCALING, type ModelArtifact, type ModelComponent, type ModelType } from '../score/artifact';
import { fitIsotonic, type Calibrator } from './calibration';
import { gbtLogit, trainGbt, type GbtOptions } from './gbt';
import { logisticLogit, trainLogistic } from './logistic';
import { mlpLogit, trainMlp, type MlpOptions } from './mlp';
import { stackLogits } from './stack';

export type ComponentType = ModelComponent['type'];

export interface FitOptions {
  modelType: ModelType;
  kind: ModelKind;
  featureSetVersion: string;
  target: { name: string; positive: string };
  seed: number;
  calibration?: 'platt' | 'isotonic';
  gbt?: Partial<GbtOptions>;
  mlp?: Partial<MlpOptions>;
  /** Called after each fitted piece; `total` is an estimate. */
  onProgress?: (done: number, total: number) => void;
}

/** Below this many rows the blend is fitted on inner cross-validation and components refitted. */
export const SMALL_DATA_ROWS = 20000;
const INNER_FOLDS = 4;

export function componentsFor(modelType: ModelType): ComponentType[] {
  switch (modelType) {
    case 'auto':
      return ['logistic', 'gbt', 'mlp'];
    case 'scorecard':
      return ['scorecard'];
    case 'logistic':
      return ['logistic'];
    case 'nn':
      return ['mlp'];
    case 'gbt':
      return ['gbt'];
  }
}

function positiveRate(y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  return s / y.length;
}

/** Heavy imbalance: up-weight positives by sqrt of the odds so gradients see them; calibration undoes the shift. */
export function classWeights(y: Uint8Array): Float32Array | undefined {
  const r = positiveRate(y);
  if (r >= 0.1) return undefined;
  const wPos = Math.sqrt((1 - r) / r);
  return Float32Array.from(y, (v) => (v ? wPos : 1));
}

export function gbtDefaults(n: number): Partial<GbtOptions> {
  if (n < 3000) return { learningRate: 0.03, maxDepth: 3, minChildHessian: 3, maxTrees: 600, earlyStoppingRounds: 60 };
  if (n < 30000) return { learningRate: 0.05, maxDepth: 4, minChildHessian: 5, maxTrees: 600, earlyStoppingRounds: 50 };
  return { learningRate: 0.1, maxDepth: 6, minChildHessian: 10, maxTrees: 400, earlyStoppingRounds: 30 };
}

function linearMeans(d: DesignMatrices): number[] {
  const m = new Array(d.linearWidth).fill(0);
  for (let i = 0; i < d.n; i++) for (let j = 0; j < d.linearWidth; j++) m[j] += d.linear[i * d.linearWidth + j]!;
  return m.map((v) => v / Math.max(1, d.n));
}

interface FittedComponents {
  state: PreprocessorState;
  components: ModelComponent[];
  validLogits: Float64Array[];
  gbtIterations?: number;
}

export function componentLogitsOn(components: ModelComponent[], d: DesignMatrices, F: number): Float64Array[] {
  return components.map((c) => {
    const z = new Float64Array(d.n);
    for (let i = 0; i < d.n; i++) {
      if (c.type === 'scorecard') z[i] = logisticLogit(c.model, d.woe, i * F);
      else if (c.type === 'logistic') z[i] = logisticLogit(c.model, d.linear, i * d.linearWidth);
      else if (c.type === 'mlp') z[i] = mlpLogit(c.model, d.linear, i * d.linearWidth);
      else z[i] = gbtLogit(c.model, (f) => d.tree[f]![i]!);
    }
    return z;
  });
}

async function fitComponents(types: ComponentType[], train: Dataset, o: FitOptions, valid?: Dataset, fixedGbtTrees?: number, tick?: () => void): Promise<FittedComponents> {
  const state = fitPreprocessor(train);
  const d = buildTrainingDesign(state, train, o.seed);
  const F = state.features.length;
  const dv = valid ? buildDesign(state, valid.frame) : undefined;
  const sw = classWeights(train.y);
  const components: ModelComponent[] = [];
  let gbtIterations: number | undefined;
  for (const t of types) {
    if (t === 'scorecard') {
      components.push({ type: 'scorecard', model: await trainLogistic(d.woe, d.n, F, train.y, { l2: 1, sampleWeight: sw }) });
    } else if (t === 'logistic') {
      components.push({ type: 'logistic', model: await trainLogistic(d.linear, d.n, d.linearWidth, train.y, { l2: 1, sampleWeight: sw }), linearMeans: linearMeans(d) });
    } else if (t === 'mlp') {
      components.push({ type: 'mlp', model: await trainMlp(d.linear, d.n, d.linearWidth, train.y, { seed: o.seed, sampleWeight: sw, epochs: d.n > 50000 ? 12 : 40, ...o.mlp }), linearMeans: linearMeans(d) });
    } else {
      const opts: Partial<GbtOptions> = { ...gbtDefaults(train.y.length), seed: o.seed, ...o.gbt };
      if (fixedGbtTrees) opts.maxTrees = fixedGbtTrees;
      const r = trainGbt(d.tree, train.y, opts, dv && valid && !fixedGbtTrees ? { columns: dv.tree, y: valid.y } : undefined);
      gbtIterations = r.bestIteration;
      components.push({ type: 'gbt', model: r.model });
    }
    tick?.();
  }
  return { state, components, validLogits: dv ? componentLogitsOn(components, dv, F) : [], gbtIterations };
}

function blend(Z: Float64Array[], weights: number[]): Float64Array {
  const n = Z[0]?.length ?? 0;
  const out = new Float64Array(n);
  Z.forEach((z, k) => {
    for (let i = 0; i < n; i++) out[i] = out[i]! + weights[k]! * z[i]!;
  });
  return out;
}

export async function fitModel(ds: Dataset, o: FitOptions): Promise<ModelArtifact> {
  const types = componentsFor(o.modelType);
  const n = ds.y.length;
  const small = n < SMALL_DATA_ROWS;
  const total = small ? (INNER_FOLDS + 1) * types.length : types.length;
  let done = 0;
  const tick = () => o.onProgress?.(++done, total);

  let heldZ: Float64Array[];
  let heldY: Uint8Array;
  let final: FittedComponents;
  if (small) {
    const folds = stratifiedFolds(ds.y, INNER_FOLDS, o.seed + 1);
    heldZ = types.map(() => new Float64Array(n));
    heldY = ds.y;
    const iters: number[] = [];
    for (let k = 0; k < INNER_FOLDS; k++) {
      const tr: number[] = [];
      const va: number[] = [];
      for (let i = 0; i < n; i++) (folds[i] === k ? va : tr).push(i);
      const fc = await fitComponents(types, selectDataset(ds, tr), o, selectDataset(ds, va), undefined, tick);
      fc.validLogits.forEach((z, c) => va.forEach((row, j) => (heldZ[c]![row] = z[j]!)));
      if (fc.gbtIterations) iters.push(fc.gbtIterations);
    }
    const trees = iters.length ? Math.max(10, Math.round((iters.reduce((s, v) => s + v, 0) / iters.length) * 1.1)) : undefined;
    final = await fitComponents(types, ds, o, undefined, trees, tick);
  } else {
    const folds = stratifiedFolds(ds.y, 5, o.seed + 1);
    const tr: number[] = [];
    const va: number[] = [];
    for (let i = 0; i < n; i++) (folds[i] === 0 ? va : tr).push(i);
    const valid = selectDataset(ds, va);
    final = await fitComponents(types, selectDataset(ds, tr), o, valid, undefined, tick);
    heldZ = final.validLogits;
    heldY = valid.y;
  }
  const stack = stackLogits(heldZ, heldY);
  let calibration: Calibrator = { type: 'platt', a: 1, b: stack.intercept };
  if (o.calibration === 'isotonic' && o.modelType !== 'scorecard') {
    calibration = fitIsotonic(blend(heldZ, stack.weights), heldY);
  }
  const names = final.state.features.map((f) => f.name);
  return {
    format: 'p2p-risk-model/1',
    kind: o.kind,
    modelType: o.modelType,
    featureSetVersion: o.featureSetVersion,
    target: o.target,
    preprocessing: final.state,
    components: final.components,
    blendWeights: stack.weights,
    calibration,
    scaling: DEFAULT_SCALING,
    reasons: buildReasons(o.kind, names),
    seed: o.seed,
  };
}

export { logit };
