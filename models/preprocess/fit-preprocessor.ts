/** Fits the preprocessing on training rows only (never on validation or test rows). */
import { quantileSorted } from '../core/math';
import type { CategoricalColumn, Dataset, NumericColumn } from '../data/frame';
import { DEFAULT_PREPROCESS, type CategoricalSpec, type NumericSpec, type PreprocessOptions, type PreprocessorState } from './state';
import { binIndex } from './encode';

/** Smoothed log-odds of a group minus the overall log-odds. */
export function smoothedWoe(pos: number, n: number, prior: number, m: number): number {
  const rate = (pos + m * prior) / (n + m);
  return Math.log(rate / (1 - rate)) - Math.log(prior / (1 - prior));
}

function fitNumeric(col: NumericColumn, y: Uint8Array, prior: number, o: PreprocessOptions): NumericSpec {
  const present: number[] = [];
  let missPos = 0;
  let missN = 0;
  for (let i = 0; i < col.values.length; i++) {
    const v = col.values[i]!;
    if (Number.isNaN(v)) {
      missN++;
      missPos += y[i]!;
    } else present.push(v);
  }
  const sorted = Float64Array.from(present).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  const nBins = Math.max(1, Math.min(o.maxBins, Math.floor(sorted.length / 30)));
  let edges: number[];
  if (distinct.length <= nBins) {
    edges = distinct.slice(0, -1).map((d, i) => (d + distinct[i + 1]!) / 2);
  } else {
    const cuts = new Set<number>();
    for (let b = 1; b < nBins; b++) cuts.add(quantileSorted(sorted, b / nBins));
    edges = [...cuts].filter((e) => e < distinct[distinct.length - 1]!).sort((a, b) => a - b);
  }
  const binPos = new Array(edges.length + 1).fill(0);
  const binN = new Array(edges.length + 1).fill(0);
  for (let i = 0; i < col.values.length; i++) {
    const v = col.values[i]!;
    if (Number.isNaN(v)) continue;
    const b = binIndex(edges, v);
    binN[b]++;
    binPos[b] += y[i]!;
  }
  const clipLo = sorted.length ? quantileSorted(sorted, 0.005) : 0;
  const clipHi = sorted.length ? quantileSorted(sorted, 0.995) : 0;
  const clipped = Array.from(sorted, (v) => Math.min(Math.max(v, clipLo), clipHi));
  const m1 = clipped.reduce((s, v) => s + v, 0) / Math.max(1, clipped.length);
  const m2 = clipped.reduce((s, v) => s + (v - m1) ** 2, 0) / Math.max(1, clipped.length);
  const m3 = clipped.reduce((s, v) => s + (v - m1) ** 3, 0) / Math.max(1, clipped.length);
  const skew = m2 > 0 ? m3 / m2 ** 1.5 : 0;
  // Long right tails (amounts, counts) are compressed so one extreme value cannot dominate a weight.
  const log = clipLo >= 0 && skew > 2;
  const t = log ? clipped.map((v) => Math.log1p(v)) : clipped;
  const center = t.reduce((s, v) => s + v, 0) / Math.max(1, t.length);
  const scale = Math.sqrt(t.reduce((s, v) => s + (v - center) ** 2, 0) / Math.max(1, t.length)) || 1;
  return {
    name: col.name,
    kind: 'numeric',
    edges,
    binWoe: binN.map((n, b) => smoothedWoe(binPos[b], n, prior, o.smoothing)),
    missingWoe: smoothedWoe(missPos, missN, prior, o.smoothing),
    hasMissing: missN > 0,
    clipLo,
    clipHi,
    log,
    center,
    scale,
  };
}

export function categoryCounts(values: ReadonlyArray<string | null>, y: Uint8Array): Map<string | null, { n: number; pos: number }> {
  const counts = new Map<string | null, { n: number; pos: number }>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let c = counts.get(v);
    if (!c) counts.set(v, (c = { n: 0, pos: 0 }));
    c.n++;
    c.pos += y[i]!;
  }
  return counts;
}

export function minCategoryCount(nRows: number): number {
  return Math.max(5, Math.ceil(nRows * 0.0005));
}

function fitCategorical(col: CategoricalColumn, y: Uint8Array, prior: number, o: PreprocessOptions): CategoricalSpec {
  const counts = categoryCounts(col.values, y);
  const minCount = minCategoryCount(col.values.length);
  const woe: Record<string, number> = {};
  let rarePos = 0;
  let rareN = 0;
  const frequent: Array<[string, number]> = [];
  for (const [k, c] of counts) {
    if (k === null) continue;
    if (c.n >= minCount) {
      woe[k] = smoothedWoe(c.pos, c.n, prior, o.smoothing);
      frequent.push([k, c.n]);
    } else {
      rarePos += c.pos;
      rareN += c.n;
    }
  }
  const miss = counts.get(null) ?? { n: 0, pos: 0 };
  const oneHotMin = Math.max(10, Math.ceil(col.values.length * 0.005));
  frequent.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    name: col.name,
    kind: 'categorical',
    woe,
    rareWoe: smoothedWoe(rarePos, rareN, prior, o.smoothing),
    missingWoe: smoothedWoe(miss.pos, miss.n, prior, o.smoothing),
    hasMissing: miss.n > 0,
    oneHot: frequent.filter(([, n]) => n >= oneHotMin).slice(0, o.maxOneHot).map(([k]) => k),
  };
}

export function fitPreprocessor(train: Dataset, options: Partial<PreprocessOptions> = {}): PreprocessorState {
  const o = { ...DEFAULT_PREPROCESS, ...options };
  let pos = 0;
  for (let i = 0; i < train.y.length; i++) pos += train.y[i]!;
  const prior = Math.min(Math.max(pos / train.y.length, 1e-6), 1 - 1e-6);
  return {
    version: 1,
    positiveRate: prior,
    features: train.frame.columns.map((c) => (c.type === 'numeric' ? fitNumeric(c, train.y, prior, o) : fitCategorical(c, train.y, prior, o))),
  };
}
