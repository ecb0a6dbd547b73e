import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../data/load-dataset';
import { syntheticRows } from '../testing/synthetic';
import { crossValidate } from './cross-validate';
import { stratifiedFolds } from './folds';

describe('cross-validation leakage', () => {
  it('fits preprocessing on the training folds only', async () => {
    const rows = syntheticRows(400, 3, 3, 1);
    const folds = new Int32Array(400).map((_, i) => i % 4);
    // A category that exists only in fold 0 (20 rows, far above the rare threshold).
    rows.forEach((r, i) => (r.city = folds[i] === 0 && i < 80 ? 'only_in_fold0' : `c${i % 3}`));
    const ds = datasetFromRows(rows, { target: 'label', positive: '1' });
    const seen: Record<number, boolean> = {};
    const ranges: Record<number, number> = {};
    await crossValidate(ds, folds, { modelType: 'scorecard', kind: 'credit', featureSetVersion: 't', target: { name: 'label', positive: '1' }, seed: 1 }, {
      onFoldModel: (id, a) => {
        const city = a.preprocessing.features.find((f) => f.name === 'city');
        seen[id] = city?.kind === 'categorical' && 'only_in_fold0' in city.woe;
        const x0 = a.preprocessing.features.find((f) => f.name === 'x0');
        ranges[id] = x0?.kind === 'numeric' ? x0.center : NaN;
      },
    });
    expect(seen[0]).toBe(false);
    expect(seen[1]).toBe(true);
    // Standardisation also differs per fold (it would be identical if fitted on all rows).
    expect(new Set(Object.values(ranges)).size).toBe(4);
  });

  it('same seed gives the same CV result', async () => {
    const ds = datasetFromRows(syntheticRows(300, 5), { target: 'label', positive: '1' });
    const opts = { modelType: 'scorecard' as const, kind: 'credit' as const, featureSetVersion: 't', target: { name: 'label', positive: '1' }, seed: 9 };
    const a = await crossValidate(ds, stratifiedFolds(ds.y, 3, 1), opts);
    const b = await crossValidate(ds, stratifiedFolds(ds.y, 3, 1), opts);
    expect(a.auc.folds).toEqual(b.auc.folds);
    expect(a.auc.mean).toBeGreaterThan(0.6);
  });
});
