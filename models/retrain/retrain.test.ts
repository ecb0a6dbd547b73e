import { describe, expect, it } from 'vitest';
import { InMemoryModelRegistryRepository } from '../registry/repository';
import { syntheticRows } from '../testing/synthetic';
import { retrain } from './retrain';

describe('retrain', () => {
  it('registers a draft challenger compared with the champion on the same holdout', async () => {
    const repo = new InMemoryModelRegistryRepository();
    const frame = { featureSetVersion: 'fs1', rows: syntheticRows(400, 8), label: 'label', positive: '1' };
    const now = new Date('2025-03-01T00:00:00Z');
    const first = await retrain(frame, { repo, kind: 'credit', newVersionId: 'a', name: 'a', owner: 'x', now, modelType: 'scorecard' });
    expect(first.holdout.championAuc).toBeUndefined();
    await repo.updateVersion('a', { status: 'approved', role: 'champion' });
    const second = await retrain(frame, { repo, kind: 'credit', newVersionId: 'b', name: 'b', owner: 'x', now, modelType: 'logistic' });
    expect(second.challenger.status).toBe('draft');
    expect(second.holdout.championAuc).toBeCloseTo(first.holdout.challengerAuc, 12);
    expect(second.holdout.n).toBe(first.holdout.n);
  });
});
