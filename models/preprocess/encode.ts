/** Per-value encoders shared by batch transforms and the single-row scorer, so both agree exactly. */
import type { CategoricalSpec, FeatureSpec, NumericSpec, PreprocessorState } from './state';

export function binIndex(edges: ReadonlyArray<number>, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v > edges[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function numericWoe(spec: NumericSpec, v: number): number {
  return Number.isNaN(v) ? spec.missingWoe : spec.binWoe[binIndex(spec.edges, v)]!;
}

export function numericStd(spec: NumericSpec, v: number): number {
  if (Number.isNaN(v)) return 0;
  let x = Math.min(Math.max(v, spec.clipLo), spec.clipHi);
  if (spec.log) x = Math.log1p(Math.max(x, 0));
  return (x - spec.center) / spec.scale;
}

export function categoricalWoe(spec: CategoricalSpec, v: string | null): number {
  if (v === null) return spec.missingWoe;
  return spec.woe[v] ?? spec.rareWoe;
}

/** Number of columns each feature contributes to the linear (and network) view. */
export function linearWidth(spec: FeatureSpec): number {
  return spec.kind === 'numeric' ? 2 + (spec.hasMissing ? 1 : 0) : 1 + spec.oneHot.length + (spec.hasMissing ? 1 : 0);
}

export interface LinearLayout {
  names: string[];
  /** Start column of each feature. */
  offsets: number[];
  width: number;
}

export function linearLayout(state: PreprocessorState): LinearLayout {
  const names: string[] = [];
  const offsets: number[] = [];
  for (const f of state.features) {
    offsets.push(names.length);
    if (f.kind === 'numeric') {
      names.push(`${f.name}:std`, `${f.name}:woe`);
    } else {
      names.push(`${f.name}:woe`, ...f.oneHot.map((c) => `${f.name}=${c}`));
    }
    if (f.hasMissing) names.push(`${f.name}:missing`);
  }
  return { names, offsets, width: names.length };
}

/** Writes feature `f`'s linear columns for value v into out[at..]. `catWoe` overrides the WoE (out-of-fold training). */
export function writeLinear(spec: FeatureSpec, v: number | string | null, out: Float32Array | Float64Array, at: number, catWoe?: number): void {
  if (spec.kind === 'numeric') {
    const x = typeof v === 'number' ? v : v === null ? NaN : Number(v);
    out[at] = numericStd(spec, x);
    out[at + 1] = numericWoe(spec, x);
    if (spec.hasMissing) out[at + 2] = Number.isNaN(x) ? 1 : 0;
    return;
  }
  const s = v === null ? null : String(v);
  out[at] = catWoe ?? categoricalWoe(spec, s);
  const k = spec.oneHot.length;
  for (let j = 0; j < k; j++) out[at + 1 + j] = spec.oneHot[j] === s ? 1 : 0;
  if (spec.hasMissing) out[at + 1 + k] = s === null ? 1 : 0;
}

/** Single value for the scorecard (WoE) view. */
export function woeValue(spec: FeatureSpec, v: number | string | null): number {
  if (spec.kind === 'numeric') return numericWoe(spec, typeof v === 'number' ? v : v === null ? NaN : Number(v));
  return categoricalWoe(spec, v === null ? null : String(v));
}

/** Single value for the tree view: raw number, or the category's WoE as an ordered code. */
export function treeValue(spec: FeatureSpec, v: number | string | null): number {
  if (spec.kind === 'numeric') return typeof v === 'number' ? v : v === null ? NaN : Number(v);
  return categoricalWoe(spec, v === null ? null : String(v));
}
