import { describe, expect, it } from 'vitest';
import { parseFoldsFile, stratifiedFolds } from './folds';

describe('folds', () => {
  it('stratifies positives evenly and is seeded', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0));
    const f = stratifiedFolds(y, 5, 42);
    for (let k = 0; k < 5; k++) expect(y.filter((v, i) => v === 1 && f[i] === k).length).toBe(4);
    expect(Array.from(stratifiedFolds(y, 5, 42))).toEqual(Array.from(f));
    expect(Array.from(stratifiedFolds(y, 5, 43))).not.toEqual(Array.from(f));
  });
  it('reads one integer per row and rejects a wrong count', () => {
    expect(Array.from(parseFoldsFile('0\n1\n0\n', 3))).toEqual([0, 1, 0]);
    expect(() => parseFoldsFile('0\n1\n', 3)).toThrow(/2 entries/);
    expect(() => parseFoldsFile('0\nx\n1\n', 3)).toThrow(/line 2/);
  });
});
