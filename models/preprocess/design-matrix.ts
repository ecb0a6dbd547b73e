/** Frame → model-ready matrices for each view (linear/network, scorecard WoE, trees). */
import { makeRng } from '../core/rng';
import type { Column, Dataset, Frame } from '../data/frame';
import { smoothedWoe } from './fit-preprocessor';
import { linearLayout, treeValue, woeValue, writeLinear } from './encode';
import type { CategoricalSpec, PreprocessorState } from './state';

export interface DesignMatrices {
  n: number;
  /** Row-major n × linearWidth. */
  linear: Float32Array;
  linearWidth: number;
  /** Row-major n × features (one WoE per feature). */
  woe: Float32Array;
  /** One column per feature (raw numeric value or category WoE; NaN = missing numeric). */
  tree: Float64Array[];
}

function columnValueGetter(frame: Frame, name: string): (i: number) => number | string | null {
  const col: Column | undefined = frame.columns.find((c) => c.name === name);
  if (!col) return () => null;
  if (col.type === 'numeric') return (i) => col.values[i]!;
  return (i) => col.values[i]!;
}

const RARE = '\u0000rare';
const MISSING = '\u0000missing';

/**
 * Out-of-fold category WoE for training rows: each row's WoE comes from the other folds,
 * so a high-cardinality category cannot memorise its own label.
 */
export function outOfFoldCategoryWoe(spec: CategoricalSpec, values: ReadonlyArray<string | null>, y: Uint8Array, smoothing: number, seed: number, k = 5): Float64Array {
  const n = values.length;
  const rng = makeRng(seed);
  const fold = new Uint8Array(n);
  for (let i = 0; i < n; i++) fold[i] = Math.floor(rng() * k);
  const key = (v: string | null) => (v === null ? MISSING : v in spec.woe ? v : RARE);
  const totals = new Map<string, { n: number; pos: number; fn: number[]; fpos: number[] }>();
  const foldN = new Array(k).fill(0);
  const foldPos = new Array(k).fill(0);
  for (let i = 0; i < n; i++) {
    const g = key(values[i]!);
    let t = totals.get(g);
    if (!t) totals.set(g, (t = { n: 0, pos: 0, fn: new Array(k).fill(0), fpos: new Array(k).fill(0) }));
    t.n++;
    t.pos += y[i]!;
    t.fn[fold[i]!] = t.fn[fold[i]!]! + 1;
    t.fpos[fold[i]!] = t.fpos[fold[i]!]! + y[i]!;
    foldN[fold[i]!]++;
    foldPos[fold[i]!] += y[i]!;
  }
  let allPos = 0;
  for (let i = 0; i < n; i++) allPos += y[i]!;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = fold[i]!;
    const t = totals.get(key(values[i]!))!;
    const restN = n - foldN[f];
    const prior = Math.min(Math.max((allPos - foldPos[f]) / Math.max(1, restN), 1e-6), 1 - 1e-6);
    out[i] = smoothedWoe(t.pos - t.fpos[f]!, t.n - t.fn[f]!, prior, smoothing);
  }
  return out;
}

export interface BuildOptions {
  /** Training rows: use out-of-fold category WoE (needs labels). */
  training?: { y: Uint8Array; smoothing: number; seed: number };
}

export function buildDesign(state: PreprocessorState, frame: Frame, options: BuildOptions = {}): DesignMatrices {
  const n = frame.nRows;
  const layout = linearLayout(state);
  const F = state.features.length;
  const linear = new Float32Array(n * layout.width);
  const woe = new Float32Array(n * F);
  const tree: Float64Array[] = [];
  state.features.forEach((spec, f) => {
    const get = columnValueGetter(frame, spec.name);
    let oof: Float64Array | undefined;
    if (options.training && spec.kind === 'categorical') {
      const col = frame.columns.find((c) => c.name === spec.name);
      const values = col && col.type === 'categorical' ? col.values : new Array<string | null>(n).fill(null);
      oof = outOfFoldCategoryWoe(spec, values, options.training.y, options.training.smoothing, options.training.seed + f);
    }
    const t = new Float64Array(n);
    const at = layout.offsets[f]!;
    for (let i = 0; i < n; i++) {
      const v = get(i);
      const vv = typeof v === 'number' && Number.isNaN(v) ? null : v;
      writeLinear(spec, vv, linear, i * layout.width + at, oof?.[i]);
      woe[i * F + f] = oof ? oof[i]! : woeValue(spec, vv);
      t[i] = oof ? oof[i]! : treeValue(spec, vv);
    }
    tree.push(t);
  });
  return { n, linear, linearWidth: layout.width, woe, tree };
}

export function buildTrainingDesign(state: PreprocessorState, ds: Dataset, seed: number, smoothing = 10): DesignMatrices {
  return buildDesign(state, ds.frame, { training: { y: ds.y, smoothing, seed } });
}
