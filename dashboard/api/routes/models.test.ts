import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema';
import { openQueues } from '../../../jobs/queues';
import { relayOutbox } from '../../../jobs/outbox-relay';
import { trainingProcessor } from '../../../jobs/processors/training.sandbox';
import { useTestApi } from '../testing';

const api = useTestApi('2026-03-02T02:00:00Z');
const key = () => `k-${Math.random().toString(36).slice(2)}-${Date.now()}`;

describe('model registry API', () => {
  it('guards roles, shows figures, retrains through the outbox and enforces four-eyes promotion', { timeout: 180_000 }, async () => {
    const { call, userWithRoles, deps } = api.current;
    const maker = await userWithRoles(['analyst'], 'maker');
    const checker = await userWithRoles(['analyst'], 'checker');
    const borrower = await userWithRoles(['borrower']);
    const investor = await userWithRoles(['investor']);

    for (const token of [borrower.token, investor.token]) {
      expect((await call('GET', '/api/v1/models', { token })).status).toBe(403);
      expect((await call('GET', '/api/v1/models/monitoring?kind=credit', { token })).status).toBe(403);
      expect((await call('GET', '/api/v1/analytics/scoring-overview', { token })).status).toBe(403);
      expect((await call('POST', '/api/v1/models/retrain', { token, headers: { 'idempotency-key': key() }, body: { kind: 'credit', name: 'x' } })).status).toBe(403);
    }

    // First use registers the bootstrap champions, with their figures.
    const list = await call('GET', '/api/v1/models', { token: maker.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { role: string; status: string }) => [v.role, v.status])).toEqual([['champion', 'approved'], ['champion', 'approved']]);
    const creditId = list.body.items.find((v: { kind: string }) => v.kind === 'credit').id as string;
    const detail = await call('GET', `/api/v1/models/${creditId}`, { token: maker.token });
    expect(detail.body).toMatchObject({ status: 'approved', featureSetVersion: 'credit-v1', owner: 'risk-models', createdBy: 'system:install' });
    expect(detail.body.trainingDataHash).toMatch(/^[0-9a-f]{64}$/);
    const ev = detail.body.metrics.evaluation;
    expect(ev.auc).toBeGreaterThan(0.7);
    expect(ev.roc.length).toBeGreaterThan(10);
    expect([ev.ks > 0, ev.brier > 0, ev.reliability.length > 0, ev.confusion.length]).toEqual([true, true, true, 4]);

    // Bad input: 400 naming the field, nothing written.
    const bad = await call('POST', '/api/v1/models/retrain', { token: maker.token, headers: { 'idempotency-key': key() }, body: { kind: 'loan', name: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('kind');
    expect(await deps.db.select().from(outbox).where(eq(outbox.queue, 'training'))).toHaveLength(0);

    // Retrain: enqueued through the outbox, then the processor runs (directly here).
    const retrain = await call('POST', '/api/v1/models/retrain', { token: maker.token, headers: { 'idempotency-key': key() }, body: { kind: 'credit', name: 'credit-retrain-1' } });
    expect(retrain.status).toBe(202);
    const { jobId, modelVersionId } = retrain.body as { jobId: string; modelVersionId: string };
    expect(jobId).toBe(`train_${modelVersionId}`);
    expect((await call('GET', `/api/v1/models/retrain/${jobId}`, { token: maker.token })).body.state).toBe('waiting-for-relay');
    const queues = openQueues(deps.redis, deps.redisPrefix);
    try {
      expect(await relayOutbox({ db: deps.db, clock: deps.clock }, queues)).toBe(1);
      const job = (await queues.training.getJob(jobId))!;
      const result = (await trainingProcessor({ db: deps.db, clock: deps.clock })(job)) as { modelVersionId: string; holdout: { championAuc: number; challengerAuc: number; n: number }; data: { source: string; note: string } };
      expect(result.modelVersionId).toBe(modelVersionId);
      expect(result.data.source).toBe('fallback');
      expect(result.data.note).toMatch(/German Credit/);
      expect(result.holdout.n).toBe(200);
      expect(result.holdout.championAuc).toBeGreaterThan(0.5);
    } finally {
      await queues.closeAll();
    }
    const progress = await call('GET', `/api/v1/models/retrain/${jobId}`, { token: checker.token });
    expect(progress.body).toMatchObject({ modelVersionId, progress: { percent: 100, stage: 'done' } });
    const challenger = await call('GET', `/api/v1/models/${modelVersionId}`, { token: maker.token });
    expect(challenger.body).toMatchObject({ status: 'draft', role: 'challenger', metrics: { championId: creditId } });
    expect(challenger.body.metrics.championEvaluation.n).toBe(challenger.body.metrics.evaluation.n);

    // Four eyes: the requester cannot approve; a second analyst can.
    expect((await call('POST', `/api/v1/models/${modelVersionId}/promotion-requests`, { token: maker.token })).status).toBe(409); // still a draft
    expect((await call('POST', `/api/v1/models/${modelVersionId}/validate`, { token: maker.token })).status).toBe(200);
    expect((await call('POST', `/api/v1/models/${modelVersionId}/promotion-requests`, { token: maker.token })).status).toBe(201);
    const self = await call('POST', `/api/v1/models/${modelVersionId}/approve-promotion`, { token: maker.token });
    expect(self.status).toBe(403);
    expect((await call('GET', `/api/v1/models/${modelVersionId}`, { token: maker.token })).body.role).toBe('challenger');
    const approved = await call('POST', `/api/v1/models/${modelVersionId}/approve-promotion`, { token: checker.token });
    expect(approved.status).toBe(200);
    const after = await call('GET', '/api/v1/models?kind=credit', { token: checker.token });
    expect(Object.fromEntries(after.body.items.map((v: { id: string; status: string }) => [v.id, v.status]))).toEqual({ [creditId]: 'retired', [modelVersionId]: 'approved' });
    expect((await call('POST', `/api/v1/models/${modelVersionId}/retire`, { token: checker.token })).status).toBe(409);

    // Reports answer on an empty platform.
    const monitoring = await call('GET', '/api/v1/models/monitoring?kind=credit', { token: checker.token });
    expect(monitoring.body).toMatchObject({ kind: 'credit', modelVersionId, window: { decisions: 0 }, stability: null });
    expect((await call('GET', '/api/v1/models/monitoring?kind=loan', { token: checker.token })).status).toBe(400);
    expect((await call('GET', '/api/v1/models/shadow-comparison?kind=credit', { token: checker.token })).body).toMatchObject({ championId: modelVersionId, challengerId: null });
    expect((await call('GET', '/api/v1/analytics/scoring-overview', { token: checker.token })).body).toMatchObject({ total: 0, approvalRate: null });
  });
});
