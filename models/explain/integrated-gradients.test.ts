import { describe, expect, it } from 'vitest';
import { mlpInputGradient, type MlpModel } from '../train/mlp';
import { integratedGradients } from './integrated-gradients';

/** The plain definition: average the input gradient at each midpoint of the path. */
function naive(m: MlpModel, x: number[], baseline: number[], steps: number): number[] {
  const total = new Array<number>(x.length).fill(0);
  for (let s = 0; s < steps; s++) {
    const t = (s + 0.5) / steps;
    const g = mlpInputGradient(m, x.map((v, j) => baseline[j]! + t * (v - baseline[j]!)));
    for (let j = 0; j < x.length; j++) total[j] = total[j]! + g[j]!;
  }
  return total.map((v, j) => ((x[j]! - baseline[j]!) * v) / steps);
}

function randomNet(sizes: number[], seed: number): MlpModel {
  let state = seed;
  const rnd = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return { layers: sizes.slice(1).map((outputs, l) => ({ inputs: sizes[l]!, outputs, w: Array.from({ length: sizes[l]! * outputs }, rnd), b: Array.from({ length: outputs }, rnd) })) };
}

describe('integrated gradients', () => {
  it('equal the plain per-step definition for deep, shallow and linear networks', () => {
    for (const sizes of [[12, 32, 16, 1], [7, 5, 1], [4, 1]]) {
      for (let seed = 1; seed <= 5; seed++) {
        const m = randomNet(sizes, seed);
        const x = Array.from({ length: sizes[0]! }, (_, j) => ((j * 7 + seed) % 5) - 2);
        const b = Array.from({ length: sizes[0]! }, (_, j) => ((j * 3 + seed) % 3) * 0.5 - 0.5);
        const fast = integratedGradients(m, x, b, 32);
        const slow = naive(m, x, b, 32);
        slow.forEach((v, j) => expect(fast[j]).toBeCloseTo(v, 9));
      }
    }
  });

  it('take the exact forward pass when a second-layer unit sits at zero (a sign within rounding)', () => {
    const m = randomNet([6, 8, 4, 1], 3);
    const second = m.layers[1]!;
    // Unit 0 of the second hidden layer: no bias, no weights, so it is exactly 0 all along the path.
    (second.b as number[])[0] = 0;
    for (let i = 0; i < second.inputs; i++) (second.w as number[])[i * second.outputs] = 0;
    const x = [1, -2, 0.5, 2, -1, 0];
    const b = [0, 0.5, -0.5, 0, 0.25, 1];
    const fast = integratedGradients(m, x, b, 40);
    const slow = naive(m, x, b, 40);
    slow.forEach((v, j) => expect(fast[j]).toBeCloseTo(v, 9));
    expect(fast.some((v) => Math.abs(v) > 1e-6)).toBe(true);
  });

  it('sum to the change in logit along the path (completeness), as the step count grows', () => {
    const m = randomNet([5, 16, 8, 1], 9);
    const logit = (v: number[]) => {
      let a = v;
      m.layers.forEach((L, l) => {
        const out = Array.from({ length: L.outputs }, (_, j) => L.b[j]! + a.reduce((s, ai, i) => s + ai * L.w[i * L.outputs + j]!, 0));
        a = l < m.layers.length - 1 ? out.map((z) => Math.max(0, z)) : out;
      });
      return a[0]!;
    };
    const x = [1.5, -1, 0.3, 2, -0.7];
    const b = [0, 0, 0, 0, 0];
    const sum = integratedGradients(m, x, b, 4096).reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(logit(x) - logit(b), 3);
  });
});
