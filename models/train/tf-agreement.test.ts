import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeRng, normal } from '../core/rng';
import { getTf } from '../tf-backend';
import { logisticLogit, trainLogistic } from './logistic';
import { mlpLogit, trainMlp } from './mlp';

function data(n: number, p: number) {
  const rng = makeRng(5);
  const X = new Float32Array(n * p);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < p; j++) {
      X[i * p + j] = normal(rng);
      z += (j % 2 ? 1 : -0.5) * X[i * p + j]! + (j === 0 ? X[i * p]! ** 2 * 0.5 : 0);
    }
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X, y };
}

describe('TF.js and the plain scorer agree', () => {
  it('network logits match a TF.js forward pass with the extracted weights', async () => {
    const { backend } = await getTf();
    expect(['wasm', 'cpu']).toContain(backend);
    const n = 300, p = 5;
    const { X, y } = data(n, p);
    const m = await trainMlp(X, n, p, y, { epochs: 5, hidden: [8, 4] });
    const viaTf = tf.tidy(() => {
      let h: tf.Tensor2D = tf.tensor2d(X, [n, p]);
      m.layers.forEach((L, l) => {
        h = tf.add(tf.matMul(h, tf.tensor2d(L.w, [L.inputs, L.outputs])), tf.tensor1d(L.b));
        if (l < m.layers.length - 1) h = tf.relu(h);
      });
      return h.dataSync();
    });
    for (let i = 0; i < n; i++) expect(mlpLogit(m, X, i * p)).toBeCloseTo(viaTf[i]!, 4);
  });

  it('logistic logits match TF.js and the Newton fit reaches a zero gradient', async () => {
    const n = 400, p = 4;
    const { X, y } = data(n, p);
    const m = await trainLogistic(X, n, p, y, { l2: 1 });
    const viaTf = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(X, [n, p]), tf.tensor2d(m.weights, [p, 1])), m.intercept).dataSync());
    const grad = new Array(p).fill(0);
    for (let i = 0; i < n; i++) {
      const z = logisticLogit(m, X, i * p);
      expect(z).toBeCloseTo(viaTf[i]!, 4);
      const r = 1 / (1 + Math.exp(-z)) - y[i]!;
      for (let j = 0; j < p; j++) grad[j] += r * X[i * p + j]!;
    }
    grad.forEach((g, j) => expect(Math.abs(g + m.weights[j]!)).toBeLessThan(1e-2));
  });
});
