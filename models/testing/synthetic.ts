/** Small seeded datasets for tests and the benchmark. */
import { makeRng, normal } from '../core/rng';

export function syntheticRows(n: number, seed: number, numericCols = 6, catCols = 2): Array<Record<string, number | string | null>> {
  const rng = makeRng(seed);
  const rows: Array<Record<string, number | string | null>> = [];
  for (let i = 0; i < n; i++) {
    const r: Record<string, number | string | null> = {};
    let z = -1;
    for (let j = 0; j < numericCols; j++) {
      const v = normal(rng);
      r[`x${j}`] = rng() < 0.03 ? null : Math.round(v * 1000) / 1000;
      z += (j % 2 ? -0.6 : 0.8) * v * (j < 3 ? 1 : 0.3);
    }
    for (let j = 0; j < catCols; j++) {
      const c = Math.floor(rng() * 5);
      r[`c${j}`] = ['a', 'b', 'c', 'd', 'e'][c]!;
      z += (c - 2) * 0.3;
    }
    z += 0.5 * Math.sin(3 * ((r.x0 as number | null) ?? 0));
    r.label = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    rows.push(r);
  }
  return rows;
}
