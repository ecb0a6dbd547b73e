/**
 * L2-regularised logistic regression trained in TF.js. Newton–Raphson steps (the heavy
 * X'WX and X'r products run as TF.js matmuls, the small p×p solve in TS) converge in a
 * handful of iterations to the exact optimum, so results are deterministic and there is
 * no learning rate to tune. Very wide inputs fall back to full-batch Adam.
 */
import { getTf } from '../tf-backend';

export interface LogisticModel {
  weights: number[];
  intercept: number;
}

export interface LogisticOptions {
  /** L2 penalty on the summed (weighted) log-loss, like sklearn's 1/C. */
  l2: number;
  /** Per-row weights (class imbalance). */
  sampleWeight?: Float32Array;
  maxIter?: number;
}

/** Solves A x = b for symmetric positive-definite A (Cholesky). */
export function solveSpd(A: Float64Array, b: Float64Array, p: number): Float64Array {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j]!;
      for (let k = 0; k < j; k++) s -= L[i * p + k]! * L[j * p + k]!;
      if (i === j) L[i * p + i] = Math.sqrt(Math.max(s, 1e-12));
      else L[i * p + j] = s / L[j * p + j]!;
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * p + k]! * z[k]!;
    z[i] = s / L[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < p; k++) s -= L[k * p + i]! * x[k]!;
    x[i] = s / L[i * p + i]!;
  }
  return x;
}

const NEWTON_MAX_WIDTH = 400;

export async function trainLogistic(X: Float32Array, n: number, p: number, y: Uint8Array, options: LogisticOptions): Promise<LogisticModel> {
  const { tf } = await getTf();
  const q = p + 1; // last column = intercept
  const Xa = new Float32Array(n * q);
  for (let i = 0; i < n; i++) {
    Xa.set(X.subarray(i * p, i * p + p), i * q);
    Xa[i * q + p] = 1;
  }
  const sw = options.sampleWeight ?? new Float32Array(n).fill(1);
  const xt = tf.tensor2d(Xa, [n, q]);
  const yt = tf.tensor2d(Float32Array.from(y), [n, 1]);
  const wt = tf.tensor2d(sw, [n, 1]);
  const beta = new Float64Array(q);
  try {
    if (q <= NEWTON_MAX_WIDTH) {
      for (let iter = 0; iter < (options.maxIter ?? 30); iter++) {
        const [g, H] = tf.tidy(() => {
          const bt = tf.tensor2d(Float32Array.from(beta), [q, 1]);
          const prob = tf.sigmoid(tf.matMul(xt, bt));
          const r = tf.mul(wt, tf.sub(prob, yt));
          const h = tf.mul(wt, tf.mul(prob, tf.sub(1, prob)));
          const grad = tf.matMul(xt, r, true, false);
          const hess = tf.matMul(xt, tf.mul(xt, h), true, false);
          return [grad, hess];
        });
        const gv = Float64Array.from(g.dataSync());
        const Hv = Float64Array.from(H.dataSync());
        g.dispose();
        H.dispose();
        for (let j = 0; j < p; j++) {
          gv[j] = gv[j]! + options.l2 * beta[j]!;
          Hv[j * q + j] = Hv[j * q + j]! + options.l2;
        }
        Hv[p * q + p] = Hv[p * q + p]! + 1e-6;
        const step = solveSpd(Hv, gv, q);
        let maxStep = 0;
        for (let j = 0; j < q; j++) {
          beta[j] = beta[j]! - step[j]!;
          maxStep = Math.max(maxStep, Math.abs(step[j]!));
        }
        if (maxStep < 1e-5) break;
      }
    } else {
      const bv = tf.variable(tf.zeros([q, 1]));
      const opt = tf.train.adam(0.05);
      const mask = tf.tensor2d(Array.from({ length: q }, (_, j) => (j < p ? 1 : 0)), [q, 1]);
      const total = sw.reduce((s, v) => s + v, 0);
      for (let iter = 0; iter < (options.maxIter ?? 300); iter++) {
        opt.minimize(() =>
          tf.tidy(() => {
            const z = tf.matMul(xt, bv);
            const loss = tf.sum(tf.mul(wt, tf.sub(tf.softplus(z), tf.mul(yt, z))));
            const pen = tf.mul(0.5 * options.l2, tf.sum(tf.square(tf.mul(bv, mask))));
            return tf.div(tf.add(loss, pen), total) as import('@tensorflow/tfjs').Scalar;
          }),
        );
      }
      beta.set(bv.dataSync());
      bv.dispose();
      mask.dispose();
      opt.dispose();
    }
  } finally {
    xt.dispose();
    yt.dispose();
    wt.dispose();
  }
  return { weights: Array.from(beta.subarray(0, p)), intercept: beta[p]! };
}

export function logisticLogit(m: LogisticModel, x: ArrayLike<number>, at = 0): number {
  let z = m.intercept;
  const w = m.weights;
  for (let j = 0; j < w.length; j++) z += w[j]! * x[at + j]!;
  return z;
}
