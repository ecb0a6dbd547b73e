/**
 * Integrated gradients for the network: attribution_j = (x_j − x'_j) · mean gradient along the
 * straight path from the baseline x' (training means) to x. Completeness: the attributions
 * sum to logit(x) − logit(x') up to the Riemann error of `steps`.
 *
 * Runs on every live decision, so the first layer is hoisted out of the path loop (exactly, by
 * linearity): its pre-activations are affine in t (z(t) = z(x') + t·(z(x) − z(x'))), and the
 * input gradient is W₁ · ∂logit/∂z, so summing ∂logit/∂z over the steps and multiplying by W₁
 * once gives the same sum.
 *
 * The gradient depends only on which ReLUs are open (the network is linear between patterns),
 * and along the path the pattern changes a few times: the backward pass runs only when it does.
 * Only the hidden layers' SIGNS are needed per step (the logit's value is not). With two hidden
 * layers, the second one's pre-activations are affine in t while the first layer's pattern
 * holds, z₂(t) = A + t·B, so its signs come from A + t·B unless one is within rounding of zero,
 * when that step is computed exactly. Either way each step's pattern is the exact one, so the
 * result is the same number as a full forward and backward pass per step.
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

/** Second hidden layer as A + t·B for one pattern of the first; `slack` bounds the rounding. */
interface AffineLayer {
  a: Float64Array;
  b: Float64Array;
  slack: Float64Array;
}

function affineInT(L: DenseLayer, open: Uint8Array, z0: Float64Array, dz: Float64Array, out: AffineLayer): void {
  for (let j = 0; j < L.outputs; j++) {
    out.a[j] = L.b[j]!;
    out.b[j] = 0;
    out.slack[j] = Math.abs(L.b[j]!);
  }
  for (let i = 0; i < L.inputs; i++) {
    if (!open[i]) continue;
    const row = i * L.outputs;
    const zi = z0[i]!;
    const di = dz[i]!;
    const size = Math.abs(zi) + Math.abs(di);
    for (let j = 0; j < L.outputs; j++) {
      const w = L.w[row + j]!;
      out.a[j] = out.a[j]! + w * zi;
      out.b[j] = out.b[j]! + w * di;
      out.slack[j] = out.slack[j]! + Math.abs(w) * size;
    }
  }
  // Both ways of summing err by at most ~n·ε of the sum of magnitudes; 1e-9 is far beyond that.
  for (let j = 0; j < L.outputs; j++) out.slack[j] = out.slack[j]! * 1e-9;
}

export function integratedGradients(m: MlpModel, x: ArrayLike<number>, baseline: ArrayLike<number>, steps = 64): Float64Array {
  const layers = m.layers;
  const first = layers[0]!;
  const z0 = affine(first, baseline);
  const dz = affine(first, x);
  for (let j = 0; j < first.outputs; j++) dz[j] = dz[j]! - z0[j]!;
  const acts: Float64Array[] = layers.map((L) => new Float64Array(L.outputs));
  const grads: Float64Array[] = layers.map((L) => new Float64Array(L.outputs));
  const gradSum = new Float64Array(first.outputs);
  const last = layers.length - 1;
  // The open/closed pattern of every hidden layer at the previous step.
  const patterns = layers.slice(0, last).map((L) => new Uint8Array(L.outputs));
  let havePattern = false;
  const second = last === 2 ? { a: new Float64Array(layers[1]!.outputs), b: new Float64Array(layers[1]!.outputs), slack: new Float64Array(layers[1]!.outputs) } : undefined;
  for (let s = 0; s < steps; s++) {
    // midpoint rule: lower error than left/right sums for the same number of steps
    const t = (s + 0.5) / steps;
    let changed = !havePattern;
    const a0 = acts[0]!;
    let firstChanged = !havePattern;
    for (let j = 0; j < first.outputs; j++) {
      const z = z0[j]! + t * dz[j]!;
      a0[j] = last > 0 && z < 0 ? 0 : z;
    }
    if (last > 0) {
      const p0 = patterns[0]!;
      for (let j = 0; j < first.outputs; j++) {
        const open = a0[j]! > 0 ? 1 : 0;
        if (p0[j] !== open) {
          p0[j] = open;
          firstChanged = true;
        }
      }
      changed ||= firstChanged;
    }
    let exactFrom = 1;
    if (second) {
      if (firstChanged) affineInT(layers[1]!, patterns[0]!, z0, dz, second);
      const a1 = acts[1]!;
      let clear = true;
      for (let j = 0; j < a1.length && clear; j++) {
        const z = second.a[j]! + t * second.b[j]!;
        if (Math.abs(z) <= second.slack[j]!) clear = false;
        else a1[j] = z > 0 ? z : 0;
      }
      if (clear) exactFrom = last;
    }
    for (let l = exactFrom; l < last; l++) {
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
      for (let j = 0; j < L.outputs; j++) if (out[j]! < 0) out[j] = 0;
    }
    for (let l = 1; l < last; l++) {
      const a = acts[l]!;
      const p = patterns[l]!;
      for (let j = 0; j < a.length; j++) {
        const open = a[j]! > 0 ? 1 : 0;
        if (p[j] !== open) {
          p[j] = open;
          changed = true;
        }
      }
    }
    havePattern = true;
    if (changed) {
      // Backward from the logit to the first layer's pre-activations (depends on the pattern only).
      grads[last]![0] = 1;
      for (let l = last; l >= 1; l--) {
        const L = layers[l]!;
        const g = grads[l]!;
        const below = grads[l - 1]!;
        const open = patterns[l - 1]!;
        for (let i = 0; i < L.inputs; i++) {
          if (!open[i]) {
            below[i] = 0; // ReLU closed (the layers below the output all have ReLU)
            continue;
          }
          let sum = 0;
          const row = i * L.outputs;
          for (let j = 0; j < L.outputs; j++) sum += L.w[row + j]! * g[j]!;
          below[i] = sum;
        }
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
