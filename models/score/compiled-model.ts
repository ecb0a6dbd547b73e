/**
 * Tensor-free evaluation of a saved artifact: one row (decision engine, microseconds) or a
 * whole frame (evaluation, batch). Both paths use the same per-value encoders.
 */
import { logit as toLogit } from '../core/math';
import type { Frame } from '../data/frame';
import { linearLayout, treeValue, woeValue, writeLinear, type LinearLayout } from '../preprocess/encode';
import { buildDesign } from '../preprocess/design-matrix';
import { applyCalibration } from '../train/calibration';
import { gbtLogit, treeValueAt } from '../train/gbt';
import { logisticLogit } from '../train/logistic';
import { mlpLogit } from '../train/mlp';
import type { FeatureRow } from '../scoring-types';
import type { ModelArtifact } from './artifact';

export interface EncodedRow {
  linear: Float64Array;
  woe: Float64Array;
  tree: Float64Array;
}

export interface CompiledModel {
  artifact: ModelArtifact;
  layout: LinearLayout;
  encode(row: FeatureRow): EncodedRow;
  /** Per-component logits for an encoded row. */
  componentLogits(e: EncodedRow): number[];
  /** Blended, uncalibrated logit. */
  rawLogit(e: EncodedRow): number;
  probability(row: FeatureRow): number;
  probabilityBatch(frame: Frame): Float64Array;
  scoreFromProbability(p: number): number;
}

export function compileModel(artifact: ModelArtifact): CompiledModel {
  const state = artifact.preprocessing;
  const layout = linearLayout(state);
  const F = state.features.length;
  const needLinear = artifact.components.some((c) => c.type === 'logistic' || c.type === 'mlp');
  const { pdo, baseScore, baseOddsGood } = artifact.scaling;
  const factor = pdo / Math.LN2;
  const offset = baseScore - factor * Math.log(baseOddsGood);

  const encode = (row: FeatureRow): EncodedRow => {
    const linear = new Float64Array(needLinear ? layout.width : 0);
    const woe = new Float64Array(F);
    const tree = new Float64Array(F);
    for (let f = 0; f < F; f++) {
      const spec = state.features[f]!;
      let v = row[spec.name] ?? null;
      if (typeof v === 'number' && !Number.isFinite(v)) v = null;
      if (needLinear) writeLinear(spec, v, linear, layout.offsets[f]!);
      woe[f] = woeValue(spec, v);
      tree[f] = treeValue(spec, v);
    }
    return { linear, woe, tree };
  };

  const componentLogits = (e: EncodedRow): number[] =>
    artifact.components.map((c) => {
      switch (c.type) {
        case 'scorecard':
          return logisticLogit(c.model, e.woe);
        case 'logistic':
          return logisticLogit(c.model, e.linear);
        case 'mlp':
          return mlpLogit(c.model, e.linear);
        case 'gbt':
          return gbtLogit(c.model, (f) => e.tree[f]!);
      }
    });

  const rawLogit = (e: EncodedRow): number => {
    const zs = componentLogits(e);
    let z = 0;
    for (let k = 0; k < zs.length; k++) z += artifact.blendWeights[k]! * zs[k]!;
    return z;
  };

  const probabilityBatch = (frame: Frame): Float64Array => {
    const d = buildDesign(state, frame);
    const out = new Float64Array(d.n);
    artifact.components.forEach((c, k) => {
      const wk = artifact.blendWeights[k]!;
      if (wk === 0) return;
      for (let i = 0; i < d.n; i++) {
        let z: number;
        if (c.type === 'scorecard') z = logisticLogit(c.model, d.woe, i * F);
        else if (c.type === 'logistic') z = logisticLogit(c.model, d.linear, i * d.linearWidth);
        else if (c.type === 'mlp') z = mlpLogit(c.model, d.linear, i * d.linearWidth);
        else {
          z = c.model.baseScore;
          for (const t of c.model.trees) z += treeValueAt(t, (f) => d.tree[f]![i]!);
        }
        out[i] = out[i]! + wk * z;
      }
    });
    for (let i = 0; i < d.n; i++) out[i] = applyCalibration(artifact.calibration, out[i]!);
    return out;
  };

  return {
    artifact,
    layout,
    encode,
    componentLogits,
    rawLogit,
    probability: (row) => applyCalibration(artifact.calibration, rawLogit(encode(row))),
    probabilityBatch,
    // Higher score = safer: offset + factor · ln(odds of good).
    scoreFromProbability: (p) => offset - factor * toLogit(p),
  };
}
