/**
 * Learns blend weights for component logits on held-out predictions with a tiny logistic
 * regression (so blending and Platt calibration are fitted together). Components that get
 * a negative weight are dropped and the rest refitted: a negative weight means the
 * component only adds noise on this data.
 */
import { sigmoid } from '../core/math';
import { solveSpd } from './logistic';

export interface StackResult {
  weights: number[];
  intercept: number;
}

function fitSmallLogistic(Z: Float64Array[], y: ArrayLike<number>, active: boolean[], l2: number): StackResult {
  const K = Z.length;
  const cols = Z.map((_, k) => k).filter((k) => active[k]);
  const q = cols.length + 1;
  const beta = new Float64Array(q);
  const n = y.length;
  for (let it = 0; it < 50; it++) {
    const g = new Float64Array(q);
    const H = new Float64Array(q * q);
    for (let i = 0; i < n; i++) {
      let z = beta[q - 1]!;
      for (let c = 0; c < cols.length; c++) z += beta[c]! * Z[cols[c]!]![i]!;
      const p = sigmoid(z);
      const r = p - y[i]!;
      const w = p * (1 - p);
      const x = (c: number) => (c === q - 1 ? 1 : Z[cols[c]!]![i]!);
      for (let a = 0; a < q; a++) {
        const xa = x(a);
        g[a] = g[a]! + r * xa;
        for (let b = 0; b <= a; b++) H[a * q + b] = H[a * q + b]! + w * xa * x(b);
      }
    }
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) H[b * q + a] = H[a * q + b]!;
    for (let a = 0; a < q - 1; a++) {
      g[a] = g[a]! + l2 * beta[a]!;
      H[a * q + a] = H[a * q + a]! + l2;
    }
    H[q * q - 1] = H[q * q - 1]! + 1e-9;
    const step = solveSpd(H, g, q);
    let m = 0;
    for (let a = 0; a < q; a++) {
      beta[a] = beta[a]! - step[a]!;
      m = Math.max(m, Math.abs(step[a]!));
    }
    if (m < 1e-8) break;
  }
  const weights = new Array(K).fill(0);
  cols.forEach((k, c) => (weights[k] = beta[c]!));
  return { weights, intercept: beta[q - 1]! };
}

export function stackLogits(Z: Float64Array[], y: ArrayLike<number>, l2 = 1): StackResult {
  const active = Z.map(() => true);
  for (;;) {
    const r = fitSmallLogistic(Z, y, active, l2);
    let worst = -1;
    for (let k = 0; k < Z.length; k++) if (active[k] && r.weights[k]! < 0 && (worst < 0 || r.weights[k]! < r.weights[worst]!)) worst = k;
    if (worst < 0 || active.filter(Boolean).length === 1) return r;
    active[worst] = false;
  }
}
