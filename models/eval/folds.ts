/** Fold assignment: stratified and seeded, or read from a file (one integer per data row). */
import { makeRng, shuffleInPlace } from '../core/rng';

export class FoldsError extends Error {}

export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new FoldsError(`k must be an integer >= 2, got ${k}`);
  const rng = makeRng(seed);
  const folds = new Int32Array(y.length);
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if ((y[i] ? 1 : 0) === cls) idx.push(i);
    shuffleInPlace(idx, rng);
    idx.forEach((row, j) => (folds[row] = j % k));
  }
  return folds;
}

export function parseFoldsFile(text: string, expectedRows: number): Int32Array {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length !== expectedRows) throw new FoldsError(`folds file has ${lines.length} entries, data has ${expectedRows} rows`);
  const out = new Int32Array(lines.length);
  lines.forEach((l, i) => {
    const v = Number(l);
    if (!Number.isInteger(v) || v < 0) throw new FoldsError(`folds file line ${i + 1}: "${l}" is not a non-negative integer`);
    out[i] = v;
  });
  const distinct = new Set(out);
  if (distinct.size < 2) throw new FoldsError('folds file needs at least two distinct folds');
  return out;
}

export function foldIds(folds: Int32Array): number[] {
  return [...new Set(folds)].sort((a, b) => a - b);
}
