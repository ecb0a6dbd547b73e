/**
 * Scorecard points. With Platt calibration p = σ(a·z + b) and z = α + Σ β_f·woe_f, the score
 * offset + factor·ln(odds good) = offset − factor·(a·z + b) splits exactly into per-feature
 * points −factor·a·β_f·woe_f plus an equal share of the constant, so points sum to the score.
 * A feature's impact on a decision is its points below the best attainable for that feature.
 */
import type { FeatureSpec } from '../preprocess/state';
import type { ModelArtifact } from '../score/artifact';

export interface FeaturePoints {
  feature: string;
  points: number;
  maxPoints: number;
}

function attainableWoes(spec: FeatureSpec): number[] {
  if (spec.kind === 'numeric') return [...spec.binWoe, ...(spec.hasMissing ? [spec.missingWoe] : [])];
  return [...Object.values(spec.woe), spec.rareWoe, ...(spec.hasMissing ? [spec.missingWoe] : [])];
}

export function scorecardPoints(artifact: ModelArtifact, woe: ArrayLike<number>): FeaturePoints[] {
  const c = artifact.components[0];
  if (!c || c.type !== 'scorecard' || artifact.calibration.type !== 'platt') throw new Error('not a Platt-calibrated scorecard');
  const { a, b } = artifact.calibration;
  const w = artifact.blendWeights[0]!;
  const { pdo, baseScore, baseOddsGood } = artifact.scaling;
  const factor = pdo / Math.LN2;
  const offset = baseScore - factor * Math.log(baseOddsGood);
  const F = artifact.preprocessing.features.length;
  const shared = (offset - factor * (a * w * c.model.intercept + b)) / F;
  return artifact.preprocessing.features.map((spec, f) => {
    const coef = -factor * a * w * c.model.weights[f]!;
    const maxPoints = Math.max(...attainableWoes(spec).map((v) => coef * v)) + shared;
    return { feature: spec.name, points: coef * woe[f]! + shared, maxPoints };
  });
}
