/**
 * Integrated gradients for the network: attribution_j = (x_j − x'_j) · mean gradient along the
 * straight path from the baseline x' (training means) to x. Completeness: the attributions
 * sum to logit(x) − logit(x') up to the Riemann error of `steps`.
 */
import { mlpInputGradient, type MlpModel } from '../train/mlp';

export function integratedGradients(m: MlpModel, x: ArrayLike<number>, baseline: ArrayLike<number>, steps = 64): Float64Array {
  const p = x.length;
  const total = new Float64Array(p);
  const point = new Float64Array(p);
  for (let s = 0; s < steps; s++) {
    // midpoint rule: lower error than left/right sums for the same number of steps
    const t = (s + 0.5) / steps;
    for (let j = 0; j < p; j++) point[j] = baseline[j]! + t * (x[j]! - baseline[j]!);
    const g = mlpInputGradient(m, point);
    for (let j = 0; j < p; j++) total[j] = total[j]! + g[j]!;
  }
  for (let j = 0; j < p; j++) total[j] = ((x[j]! - baseline[j]!) * total[j]!) / steps;
  return total;
}
