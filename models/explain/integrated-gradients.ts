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
 * holds, z₂(t) = A + t·B (A and B updated by one row as a first-layer unit opens or closes),
 * so its signs come from A + t·B unless one is within rounding of zero,
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

/**
 * Second hidden layer as A + t·B for the current pattern of the first, kept up to date one
 * first-layer unit at a time as it opens or closes. `magnitude` sums the absolute size of
 * every term ever added (an upper bound on what rounding can have disturbed).
 */
class AffineLayer {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly magnitude: Float64Array;

  constructor(
    private readonly L: DenseLayer,
    private readonly z0: Float64Array,
    private readonly dz: Float64Array,
  ) {
    this.a = Float64Array.from(L.b);
    this.b = new Float64Array(L.outputs);
    this.magnitude = Float64Array.from(L.b, Math.abs);
  }

  /** First-layer unit i opened (sign +1) or closed (−1). */
  flip(i: number, sign: 1 | -1): void {
    const { L, a, b, magnitude } = this;
    const row = i * L.outputs;
    const zi = this.z0[i]!;
    const di = this.dz[i]!;
    const size = Math.abs(zi) + Math.abs(di);
    for (let j = 0; j < L.outputs; j++) {
      const w = L.w[row + j]!;
      a[j] = a[j]! + sign * w * zi;
      b[j] = b[j]! + sign * w * di;
      magnitude[j] = magnitude[j]! + Math.abs(w) * size;
    }
  }

  /**
   * Writes the layer's activations at t (only their signs are used) and returns true, or false
   * when a pre-activation is within rounding of zero. Rounding in either way of summing is
   * at most ~n·ε of the magnitudes summed; 1e-9 of them is far beyond that.
   */
  signsAt(t: number, out: Float64Array): boolean {
    for (let j = 0; j < out.length; j++) {
      const z = this.a[j]! + t * this.b[j]!;
      if (Math.abs(z) <= this.magnitude[j]! * 1e-9) return false;
      out[j] = z > 0 ? z : 0;
    }
    return true;
  }
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
  const second = last === 2 ? new AffineLayer(layers[1]!, z0, dz) : undefined;
  for (let s = 0; s < steps; s++) {
    // midpoint rule: lower error than left/right sums for the same number of steps
    const t = (s + 0.5) / steps;
    let changed = !havePattern;
    const a0 = acts[0]!;
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
          changed = true;
          second?.flip(j, open ? 1 : -1);
        }
      }
    }
    let exactFrom = 1;
    if (second && second.signsAt(t, acts[1]!)) exactFrom = last;
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
