/**
 * Small feed-forward network (ReLU hidden layers, one logit output) trained in TF.js with
 * Adam on mini-batches. Weights are initialised and batches shuffled from a seeded RNG, so
 * one seed gives one model. Weights are extracted to plain arrays for the tensor-free scorer.
 */
import type { Scalar, Tensor2D, Variable } from '@tensorflow/tfjs';
import { sigmoid } from '../core/math';
import { makeRng, shuffleInPlace, type Rng } from '../core/rng';
import { getTf } from '../tf-backend';

export interface DenseLayer {
  inputs: number;
  outputs: number;
  /** Row-major inputs × outputs. */
  w: number[];
  b: number[];
}

export interface MlpModel {
  layers: DenseLayer[];
}

export interface MlpOptions {
  hidden: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  seed: number;
  sampleWeight?: Float32Array;
  /** Fraction of the training rows held out for early stopping. */
  validationFraction: number;
  patience: number;
}

export const DEFAULT_MLP: MlpOptions = { hidden: [32, 16], epochs: 40, batchSize: 128, learningRate: 0.003, l2: 1e-3, seed: 11, validationFraction: 0.15, patience: 5 };

function glorot(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const lim = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (rng() * 2 - 1) * lim;
  return out;
}

export async function trainMlp(X: Float32Array, n: number, p: number, y: Uint8Array, opts: Partial<MlpOptions> = {}): Promise<MlpModel> {
  const o = { ...DEFAULT_MLP, ...opts };
  const { tf } = await getTf();
  const rng = makeRng(o.seed);
  const sizes = [p, ...o.hidden, 1];
  const vars: Array<{ w: Variable; b: Variable }> = [];
  for (let l = 0; l < sizes.length - 1; l++) {
    vars.push({
      w: tf.variable(tf.tensor2d(glorot(rng, sizes[l]!, sizes[l + 1]!), [sizes[l]!, sizes[l + 1]!])),
      b: tf.variable(tf.zeros([sizes[l + 1]!])),
    });
  }
  const forward = (x: Tensor2D) => {
    let h: Tensor2D = x;
    vars.forEach((v, l) => {
      h = tf.add(tf.matMul(h, v.w), v.b);
      if (l < vars.length - 1) h = tf.relu(h);
    });
    return h;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, rng);
  const nVal = Math.min(Math.floor(n * o.validationFraction), 20000);
  const valIdx = order.slice(0, nVal);
  const trainIdx = order.slice(nVal);
  const gather = (idx: number[]) => {
    const xs = new Float32Array(idx.length * p);
    const ys = new Float32Array(idx.length);
    const ws = new Float32Array(idx.length);
    idx.forEach((r, k) => {
      xs.set(X.subarray(r * p, r * p + p), k * p);
      ys[k] = y[r]!;
      ws[k] = o.sampleWeight ? o.sampleWeight[r]! : 1;
    });
    return { xs, ys, ws };
  };
  const val = gather(valIdx);
  const valX = nVal > 0 ? tf.tensor2d(val.xs, [nVal, p]) : undefined;
  const optimizer = tf.train.adam(o.learningRate);
  const snapshot = () => vars.map((v) => ({ w: Array.from(v.w.dataSync()), b: Array.from(v.b.dataSync()) }));
  let best = snapshot();
  let bestLoss = Infinity;
  let bad = 0;
  const batch = Math.max(o.batchSize, Math.ceil(trainIdx.length / 300));
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(trainIdx, rng);
    for (let s = 0; s < trainIdx.length; s += batch) {
      const b = gather(trainIdx.slice(s, s + batch));
      const m = b.ys.length;
      tf.tidy(() => {
        const xb = tf.tensor2d(b.xs, [m, p]);
        const yb = tf.tensor2d(b.ys, [m, 1]);
        const wb = tf.tensor2d(b.ws, [m, 1]);
        optimizer.minimize(() => {
          const z = forward(xb);
          const ce = tf.sum(tf.mul(wb, tf.sub(tf.softplus(z), tf.mul(yb, z))));
          let reg: Scalar = tf.scalar(0);
          for (const v of vars) reg = tf.add(reg, tf.sum(tf.square(v.w)));
          return tf.add(tf.div(ce, tf.sum(wb)), tf.mul(o.l2, reg)) as Scalar;
        });
      });
    }
    if (!valX) continue;
    const zv = tf.tidy(() => forward(valX).dataSync());
    let loss = 0;
    for (let i = 0; i < nVal; i++) {
      const q = Math.min(Math.max(sigmoid(zv[i]!), 1e-7), 1 - 1e-7);
      loss -= val.ws[i]! * (val.ys[i] ? Math.log(q) : Math.log(1 - q));
    }
    if (loss < bestLoss - 1e-6) {
      bestLoss = loss;
      best = snapshot();
      bad = 0;
    } else if (++bad >= o.patience) break;
  }
  if (!valX) best = snapshot();
  valX?.dispose();
  optimizer.dispose();
  vars.forEach((v) => {
    v.w.dispose();
    v.b.dispose();
  });
  return { layers: best.map((l, i) => ({ inputs: sizes[i]!, outputs: sizes[i + 1]!, w: l.w, b: l.b })) };
}

/** Plain-TS forward pass; the TF.js agreement test keeps it honest. */
export function mlpLogit(m: MlpModel, x: ArrayLike<number>, at = 0): number {
  let h: ArrayLike<number> = x;
  let offset = at;
  for (let l = 0; l < m.layers.length; l++) {
    const L = m.layers[l]!;
    const out = new Float64Array(L.outputs);
    for (let j = 0; j < L.outputs; j++) out[j] = L.b[j]!;
    for (let i = 0; i < L.inputs; i++) {
      const xi = h[offset + i]!;
      if (xi === 0) continue;
      const row = i * L.outputs;
      for (let j = 0; j < L.outputs; j++) out[j] = out[j]! + xi * L.w[row + j]!;
    }
    if (l < m.layers.length - 1) for (let j = 0; j < L.outputs; j++) if (out[j]! < 0) out[j] = 0;
    h = out;
    offset = 0;
  }
  return h[0]!;
}

/** Gradient of the logit with respect to the inputs (manual backprop through ReLU). */
export function mlpInputGradient(m: MlpModel, x: ArrayLike<number>): Float64Array {
  const acts: Float64Array[] = [Float64Array.from(x)];
  for (let l = 0; l < m.layers.length; l++) {
    const L = m.layers[l]!;
    const prev = acts[l]!;
    const out = new Float64Array(L.outputs);
    for (let j = 0; j < L.outputs; j++) out[j] = L.b[j]!;
    for (let i = 0; i < L.inputs; i++) for (let j = 0; j < L.outputs; j++) out[j] = out[j]! + prev[i]! * L.w[i * L.outputs + j]!;
    if (l < m.layers.length - 1) for (let j = 0; j < L.outputs; j++) if (out[j]! < 0) out[j] = 0;
    acts.push(out);
  }
  let grad = new Float64Array([1]);
  for (let l = m.layers.length - 1; l >= 0; l--) {
    const L = m.layers[l]!;
    if (l < m.layers.length - 1) {
      const a = acts[l + 1]!;
      for (let j = 0; j < L.outputs; j++) if (a[j]! <= 0) grad[j] = 0;
    }
    const g = new Float64Array(L.inputs);
    for (let i = 0; i < L.inputs; i++) {
      let s = 0;
      for (let j = 0; j < L.outputs; j++) s += L.w[i * L.outputs + j]! * grad[j]!;
      g[i] = s;
    }
    grad = g;
  }
  return grad;
}
