/**
 * Integrated gradients for the network: attribution_j = (x_j − x'_j) · mean gradient along the
 * straight path from the baseline x' (training means) to x. Completeness: the attributions
 * sum to logit(x) − logit(x') up to the Riemann error of `steps`.
 *
 * Runs on every live decision, so the first layer is hoisted out of the path loop (exactly, by
 * linearity): its pre-activations are affine in t (z(t) = z(x') + t·(z(x) − z(x'))), and the
 * input gradient is W₁ · ∂logit/∂z, so summing ∂logit/∂z over the steps and multiplying by W₁
 * once gives the same sum. Per step only the layers after the first are evaluated.
 */
import type { DenseLayer, MlpModel } from '../train/mlp';

function affine(L: DenseLayer, x: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(L.b);
  for (let i = 0; i < L.inputs; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const row = i * L.outputs;
    for (let j = 0; j < L.outputs; j++) out[j] = out[j]! + xi * L.w[row + j]!;
  }
  return out;
}

export function integratedGradients(m: MlpModel, x: ArrayLike<number>, baseline: ArrayLike<number>, steps = 64): Float64Array {
  const layers = m.layers;
  const first = layers[0]!;
  const z0 = affine(first, baseline);
  const dz = affine(first, x);
  for (let j = 0; j < first.outputs; j++) dz[j] = dz[j]! - z0[j]!;
  // Per-step buffers: activations of every layer after the first, then the backward pass.
  const acts: Float64Array[] = layers.map((L) => new Float64Array(L.outputs));
  const grads: Float64Array[] = layers.map((L) => new Float64Array(L.outputs));
  const gradSum = new Float64Array(first.outputs);
  const last = layers.length - 1;
  for (let s = 0; s < steps; s++) {
    // midpoint rule: lower error than left/right sums for the same number of steps
    const t = (s + 0.5) / steps;
    const a0 = acts[0]!;
    for (let j = 0; j < first.outputs; j++) {
      const z = z0[j]! + t * dz[j]!;
      a0[j] = last > 0 && z < 0 ? 0 : z;
    }
    for (let l = 1; l <= last; l++) {
      const L = layers[l]!;
      const prev = acts[l - 1]!;
      const out = acts[l]!;
      for (let j = 0; j < L.outputs; j++) out[j] = L.b[j]!;
      for (let i = 0; i < L.inputs; i++) {
        const pi = prev[i]!;
        if (pi === 0) continue;
        const row = i * L.outputs;
        for (let j = 0; j < L.outputs; j++) out[j] = out[j]! + pi * L.w[row + j]!;
      }
      if (l < last) for (let j = 0; j < L.outputs; j++) if (out[j]! < 0) out[j] = 0;
    }
    // Backward from the logit to the first layer's pre-activations.
    grads[last]![0] = 1;
    for (let l = last; l >= 1; l--) {
      const L = layers[l]!;
      const g = grads[l]!;
      const below = grads[l - 1]!;
      const belowActs = acts[l - 1]!;
      for (let i = 0; i < L.inputs; i++) {
        if (belowActs[i]! <= 0) {
          below[i] = 0; // ReLU closed (the layers below the output all have ReLU)
          continue;
        }
        let sum = 0;
        const row = i * L.outputs;
        for (let j = 0; j < L.outputs; j++) sum += L.w[row + j]! * g[j]!;
        below[i] = sum;
      }
    }
    const g0 = grads[0]!;
    for (let j = 0; j < first.outputs; j++) gradSum[j] = gradSum[j]! + g0[j]!;
  }
  const p = first.inputs;
  const total = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    const d = x[i]! - baseline[i]!;
    if (d === 0) continue;
    let sum = 0;
    const row = i * first.outputs;
    for (let j = 0; j < first.outputs; j++) sum += first.w[row + j]! * gradSum[j]!;
    total[i] = (d * sum) / steps;
  }
  return total;
}
