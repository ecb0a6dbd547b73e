/**
 * Population stability index between the training sample (expected) and recent scores
 * (actual), on deciles of the expected distribution: < 0.1 stable, 0.1–0.25 watch, > 0.25 alert.
 */
import { quantileSorted } from '../core/math';

export type PsiStatus = 'stable' | 'watch' | 'alert';

export const psiStatus = (psi: number): PsiStatus => (psi < 0.1 ? 'stable' : psi <= 0.25 ? 'watch' : 'alert');

function share(counts: number[], total: number): number[] {
  // floor at a small share so an empty bin does not make the index infinite
  return counts.map((c) => Math.max(c / Math.max(total, 1), 1e-4));
}

export function psiFromCounts(expected: number[], actual: number[]): number {
  const e = share(expected, expected.reduce((s, v) => s + v, 0));
  const a = share(actual, actual.reduce((s, v) => s + v, 0));
  return e.reduce((s, ei, i) => s + (a[i]! - ei) * Math.log(a[i]! / ei), 0);
}

/** Decile (by default) edges of the expected distribution; missing values are ignored. */
export function numericEdges(expected: ArrayLike<number>, bins = 10): number[] {
  const present = Array.from(expected).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return [...new Set(Array.from({ length: bins - 1 }, (_, b) => quantileSorted(present, (b + 1) / bins)))];
}

/** Counts per bin for the given edges: edges.length + 1 value bins, then one bin for missing values. */
export function binCounts(xs: ArrayLike<number>, edges: readonly number[]): number[] {
  const binOf = (v: number) => (Number.isNaN(v) ? edges.length + 1 : edges.filter((e) => v > e).length);
  const c = new Array(edges.length + 2).fill(0);
  for (let i = 0; i < xs.length; i++) c[binOf(xs[i]!)]++;
  return c;
}

/** Numeric PSI; missing values form their own bin. */
export function psiNumeric(expected: ArrayLike<number>, actual: ArrayLike<number>, bins = 10): number {
  const edges = numericEdges(expected, bins);
  return psiFromCounts(binCounts(expected, edges), binCounts(actual, edges));
}

export function psiCategorical(expected: ReadonlyArray<string | null>, actual: ReadonlyArray<string | null>): number {
  const keys = [...new Set([...expected, ...actual].map((v) => v ?? '\u0000missing'))];
  const count = (xs: ReadonlyArray<string | null>) => keys.map((k) => xs.filter((v) => (v ?? '\u0000missing') === k).length);
  return psiFromCounts(count(expected), count(actual));
}
