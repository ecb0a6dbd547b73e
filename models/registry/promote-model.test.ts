import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../data/load-dataset';
import { rowAt } from '../data/frame';
import { syntheticRows } from '../testing/synthetic';
import { fitModel } from '../train/fit-model';
import { RegistryError } from './errors';
import { compareShadow, loadChampion, scoreLive } from './live-scoring';
import { approvePromotion, markValidated, requestPromotion, setChallenger } from './promote-model';
import { registerModelVersion } from './register-model-version';
import { InMemoryModelRegistryRepository } from './repository';

const now = new Date('2025-01-02T03:04:05Z');
const ds = datasetFromRows(syntheticRows(300, 2), { target: 'label', positive: '1' });

async function setup() {
  const repo = new InMemoryModelRegistryRepository();
  const artifact = await fitModel(ds, { modelType: 'scorecard', kind: 'credit', featureSetVersion: 't', target: { name: 'label', positive: '1' }, seed: 1 });
  const reg = (id: string) => registerModelVersion(repo, { id, name: id, artifact, metrics: {}, trainingDataHash: 'h', owner: 'alice', intendedUse: 'credit PD', createdBy: 'alice', now });
  await reg('m1');
  await reg('m2');
  return repo;
}

describe('promotion to champion', () => {
  it('is refused without a second analyst', async () => {
    const repo = await setup();
    await markValidated(repo, 'm1');
    await requestPromotion(repo, { requestId: 'r1', modelVersionId: 'm1', requestedBy: 'bob', now });
    await expect(approvePromotion(repo, { requestId: 'r1', approver: 'bob', now })).rejects.toMatchObject({ code: 'SAME_PERSON' });
    await expect(approvePromotion(repo, { requestId: 'r1', approver: 'alice', now })).rejects.toBeInstanceOf(RegistryError);
    expect((await repo.getVersion('m1'))!.role).toBe('none');
    await expect(loadChampion(repo, 'credit')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await approvePromotion(repo, { requestId: 'r1', approver: 'carol', now });
    const v = await repo.getVersion('m1');
    expect([v!.status, v!.role]).toEqual(['approved', 'champion']);
  });

  it('a draft cannot be proposed; a challenger shadow-scores the same traffic', async () => {
    const repo = await setup();
    await expect(requestPromotion(repo, { requestId: 'r0', modelVersionId: 'm2', requestedBy: 'bob', now })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await markValidated(repo, 'm1');
    await requestPromotion(repo, { requestId: 'r1', modelVersionId: 'm1', requestedBy: 'bob', now });
    await approvePromotion(repo, { requestId: 'r1', approver: 'carol', now });
    await markValidated(repo, 'm2');
    await setChallenger(repo, 'm2');
    const scorers = await loadChampion(repo, 'credit');
    expect(scorers.champion.modelVersionId).toBe('m1');
    for (let i = 0; i < 5; i++) await scoreLive(repo, scorers, `req${i}`, rowAt(ds.frame, i), now);
    const cmp = await compareShadow(repo, 'm1', 'm2', 0.5);
    expect(cmp.n).toBe(5);
    expect(cmp.disagreementRate).toBe(0);
  });
});
