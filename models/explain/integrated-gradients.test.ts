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
});
