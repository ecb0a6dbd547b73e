/** Builds the decision engine's ModelScorer from a saved artifact (JSON or object). */
import { scorecardPoints } from '../explain/scorecard-points';
import { integratedGradients } from '../explain/integrated-gradients';
import type { Attribution, FeatureRow, ModelScorer } from '../scoring-types';
import { modelArtifactSchema, type ModelArtifact } from './artifact';
import { compileModel, type CompiledModel, type EncodedRow } from './compiled-model';

export const MAX_REASONS = 4;

export function parseArtifactJson(json: string): ModelArtifact {
  return modelArtifactSchema.parse(JSON.parse(json));
}

/** Impact of each input feature on the final (calibrated-scale) logit; positive = towards bad. */
export function featureImpacts(model: CompiledModel, row: FeatureRow, e: EncodedRow = model.encode(row)): Map<string, number> {
  const a = model.artifact;
  const slope = a.calibration.type === 'platt' ? a.calibration.a : 1;
  const impacts = new Map<string, number>();
  const features = a.preprocessing.features;
  if (a.modelType === 'scorecard') {
    for (const p of scorecardPoints(a, e.woe)) impacts.set(p.feature, p.maxPoints - p.points);
    return impacts;
  }
  const lin = a.components.findIndex((c) => c.type === 'logistic');
  const mlp = a.components.findIndex((c) => c.type === 'mlp');
  const k = lin >= 0 ? lin : mlp;
  if (k >= 0) {
    const c = a.components[k]!;
    const w = a.blendWeights[k]! * slope;
    let perColumn: ArrayLike<number>;
    if (c.type === 'logistic') {
      perColumn = c.model.weights.map((b, j) => b * (e.linear[j]! - c.linearMeans[j]!));
    } else if (c.type === 'mlp') {
      perColumn = integratedGradients(c.model, e.linear, c.linearMeans);
    } else perColumn = [];
    features.forEach((spec, f) => {
      const start = model.layout.offsets[f]!;
      const end = f + 1 < features.length ? model.layout.offsets[f + 1]! : model.layout.width;
      let s = 0;
      for (let j = start; j < end; j++) s += perColumn[j]!;
      impacts.set(spec.name, w * s);
    });
    return impacts;
  }
  // Trees only: occlusion — how much the logit drops when the feature is treated as missing.
  const base = model.rawLogit(e);
  features.forEach((spec) => {
    const masked = model.encode({ ...row, [spec.name]: null });
    impacts.set(spec.name, slope * (base - model.rawLogit(masked)));
  });
  return impacts;
}

export function topReasons(model: CompiledModel, impacts: Map<string, number>): Attribution[] {
  return [...impacts.entries()]
    .filter(([, v]) => v > 1e-9)
    .sort((x, y) => y[1] - x[1])
    .slice(0, MAX_REASONS)
    .map(([feature, impact]) => {
      const r = model.artifact.reasons[feature] ?? { code: 'XX00', en: feature, zh: feature };
      return { feature, impact, message: { en: r.en, zh: r.zh }, reasonCode: r.code };
    });
}

export function buildScorerFromArtifact(input: ModelArtifact | string, modelVersionId: string): ModelScorer & { compiled: CompiledModel } {
  const artifact = typeof input === 'string' ? parseArtifactJson(input) : modelArtifactSchema.parse(input);
  const model = compileModel(artifact);
  return {
    modelVersionId,
    kind: artifact.kind,
    featureSetVersion: artifact.featureSetVersion,
    compiled: model,
    score(row: FeatureRow) {
      const e = model.encode(row);
      const probability = model.probability(row);
      const impacts = featureImpacts(model, row, e);
      return { probability, score: model.scoreFromProbability(probability), attributions: topReasons(model, impacts) };
    },
  };
}
