/** Probability calibration on held-out (out-of-fold) logits: Platt scaling or isotonic (PAV). */
import { sigmoid } from '../core/math';

export type Calibrator =
  | { type: 'platt'; a: number; b: number }
  | { type: 'isotonic'; x: number[]; y: number[] };

/** Fits p = sigmoid(a·z + b) by Newton on the log-loss (small ridge keeps it finite on separable data). */
export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>): Calibrator {
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0, gb = 0, haa = 1e-6, hab = 0, hbb = 1e-6;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(a * z[i]! + b);
      const r = p - y[i]!;
      const w = p * (1 - p);
      ga += r * z[i]!;
      gb += r;
      haa += w * z[i]! * z[i]!;
      hab += w * z[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { type: 'platt', a, b };
}

/** Pool-adjacent-violators on logits sorted ascending; stores block boundaries for interpolation. */
export function fitIsotonic(z: ArrayLike<number>, y: ArrayLike<number>): Calibrator {
  const order = Array.from({ length: z.length }, (_, i) => i).sort((i, j) => z[i]! - z[j]!);
  const vals: number[] = [];
  const wts: number[] = [];
  const xs: number[] = [];
  for (const i of order) {
    vals.push(y[i]!);
    wts.push(1);
    xs.push(z[i]!);
    while (vals.length > 1 && vals[vals.length - 2]! > vals[vals.length - 1]!) {
      const w = wts[wts.length - 2]! + wts[wts.length - 1]!;
      const v = (vals[vals.length - 2]! * wts[wts.length - 2]! + vals[vals.length - 1]! * wts[wts.length - 1]!) / w;
      vals.splice(-2, 2, v);
      wts.splice(-2, 2, w);
      const x = xs[xs.length - 1]!;
      xs.splice(-2, 2, x);
    }
  }
  return { type: 'isotonic', x: xs, y: vals.map((v) => Math.min(Math.max(v, 1e-6), 1 - 1e-6)) };
}

export function applyCalibration(c: Calibrator, z: number): number {
  if (c.type === 'platt') return sigmoid(c.a * z + c.b);
  const { x, y } = c;
  if (z <= x[0]!) return y[0]!;
  if (z >= x[x.length - 1]!) return y[y.length - 1]!;
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= z) lo = mid;
    else hi = mid;
  }
  const t = (z - x[lo]!) / (x[hi]! - x[lo]! || 1);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}
