/**
 * The reference distribution a version is monitored against, computed from its training data
 * when it is registered and stored with its metrics (the training rows themselves are not
 * kept). PSI later compares recent live rows with these bins.
 */
import type { Frame } from '../data/frame';
import type { FeatureRow } from '../scoring-types';
import { binCounts, numericEdges, psiFromCounts, psiStatus } from './psi';
import type { StabilityReport } from './stability-report';

const MISSING = '\u0000missing';

export type FeatureBaseline =
  | { feature: string; type: 'numeric'; edges: number[]; counts: number[] }
  | { feature: string; type: 'categorical'; counts: Record<string, number> };

export interface MonitoringBaseline {
  n: number;
  features: FeatureBaseline[];
  score: { edges: number[]; counts: number[] };
}

export function buildBaseline(frame: Frame, probabilities: ArrayLike<number>): MonitoringBaseline {
  const features = frame.columns.map((c): FeatureBaseline => {
    if (c.type === 'numeric') {
      const edges = numericEdges(c.values);
      return { feature: c.name, type: 'numeric', edges, counts: binCounts(c.values, edges) };
    }
    const counts: Record<string, number> = {};
    for (const v of c.values) counts[v ?? MISSING] = (counts[v ?? MISSING] ?? 0) + 1;
    return { feature: c.name, type: 'categorical', counts };
  });
  const edges = numericEdges(probabilities);
  return { n: frame.nRows, features, score: { edges, counts: binCounts(probabilities, edges) } };
}

const toNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/** PSI per feature and for the score: baseline (expected) vs recent rows and their probabilities (actual). */
export function psiAgainstBaseline(b: MonitoringBaseline, recent: ReadonlyArray<FeatureRow>, recentProbabilities: ArrayLike<number>): StabilityReport {
  const features = b.features.map((f) => {
    let psi: number;
    if (f.type === 'numeric') psi = psiFromCounts(f.counts, binCounts(recent.map((r) => toNumber(r[f.feature])), f.edges));
    else {
      const actual: Record<string, number> = {};
      for (const r of recent) {
        const v = r[f.feature];
        const k = v === null || v === undefined ? MISSING : String(v);
        actual[k] = (actual[k] ?? 0) + 1;
      }
      const keys = [...new Set([...Object.keys(f.counts), ...Object.keys(actual)])];
      psi = psiFromCounts(keys.map((k) => f.counts[k] ?? 0), keys.map((k) => actual[k] ?? 0));
    }
    return { feature: f.feature, psi, status: psiStatus(psi) };
  });
  const s = psiFromCounts(b.score.counts, binCounts(recentProbabilities, b.score.edges));
  return { score: { psi: s, status: psiStatus(s) }, features };
}
