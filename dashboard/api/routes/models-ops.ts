import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { outbox } from '../../../db/schema';
import { jobIdFor } from '../../../jobs/outbox-relay';
import { producerConnection } from '../../../jobs/connections';
import { openQueues, type QueueSet } from '../../../jobs/queues';
import { AppError } from '../../../kernel/errors';
import { computeModelMonitoring } from '../../../models/monitoring/model-monitoring';
import { scoringOverview } from '../../../models/monitoring/scoring-overview';
import { shadowComparisonReport } from '../../../models/registry/shadow-comparison-report';
import { requestRetrain, trainingDedupeKey } from '../../../models/retrain/request-retrain';
import { withIdempotency } from '../../../db/idempotency';
import { service, type ApiDeps } from '../api-deps';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';
import { registryOf } from './models';

/** Model operations for analysts: shadow comparison, monitoring, retraining, scoring overview. */
const STAFF = ['analyst', 'admin'] as const;
const kind = z.enum(['credit', 'fraud']);

/** BullMQ producers for reading job state (the worker owns the consumers). */
function queuesOf(deps: ApiDeps): QueueSet {
  return service(deps, 'queues', () => {
    const connection = producerConnection(deps.config.REDIS_URL);
    const queues = openQueues(connection, deps.redisPrefix);
    return Object.assign(queues, {
      close: async () => {
        await queues.closeAll();
        connection.disconnect();
      },
    });
  });
}

export const modelOpsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/models/shadow-comparison',
    summary: 'Champion vs challenger scores on the same live traffic (shadow), with AUC where outcomes are known',
    tag: 'models',
    access: STAFF,
    query: z.object({ kind, threshold: z.coerce.number().gt(0).lt(1).default(0.2) }),
    handler: async ({ deps, query }) => {
      await registryOf(deps);
      return { status: 200, body: await shadowComparisonReport(deps.db, query.kind, query.threshold) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/models/monitoring',
    summary: 'PSI per feature and for the score (stable / watch / alert), AUC/KS, actual vs expected default by grade, four-fifths fairness screen',
    tag: 'models',
    access: STAFF,
    query: z.object({ kind, windowDays: z.coerce.number().int().min(1).max(366).default(30) }),
    handler: async ({ deps, query }) => {
      await registryOf(deps);
      const report = await computeModelMonitoring(deps.db, { kind: query.kind, now: deps.clock.now(), windowDays: query.windowDays, decrypt: (c) => deps.fieldEncryption.decrypt(c) });
      return { status: 200, body: report };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/models/retrain',
    summary: 'Retrain a model: enqueues a sandboxed training job that registers a draft challenger',
    tag: 'models',
    access: ['analyst'],
    idempotent: true,
    body: z.object({ kind, name: z.string().trim().min(1).max(80) }),
    handler: async ({ deps, user, body, idempotencyKey }) => {
      const me = requireUser(user);
      await registryOf(deps);
      const result = await withIdempotency(deps.db, deps.clock, { scope: `models:retrain:${me.id}`, key: idempotencyKey!, request: body }, async (tx) => {
        const r = await requestRetrain(tx, deps.clock, { ...body, requestedBy: me.id });
        return { status: 202, body: { jobId: jobIdFor(r.dedupeKey), modelVersionId: r.modelVersionId, kind: body.kind, name: body.name } };
      });
      return { status: result.status, body: result.body };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/models/retrain/:jobId',
    summary: 'Progress of a training job (BullMQ state and progress; result when done)',
    tag: 'models',
    access: STAFF,
    params: z.object({ jobId: z.string().regex(/^train_mdl_[0-9A-Z]{26}$/, 'jobId must be a training job id like train_mdl_…') }),
    handler: async ({ deps, params }) => {
      const modelVersionId = params.jobId.slice('train_'.length);
      const job = await queuesOf(deps).training.getJob(params.jobId);
      if (job) {
        const state = await job.getState();
        return { status: 200, body: { jobId: params.jobId, modelVersionId, state, progress: job.progress, result: job.returnvalue ?? null, failedReason: job.failedReason ?? null, attemptsMade: job.attemptsMade } };
      }
      const [row] = await deps.db.select({ relayedAt: outbox.relayedAt }).from(outbox).where(and(eq(outbox.queue, 'training'), eq(outbox.dedupeKey, trainingDedupeKey(modelVersionId))));
      if (!row) throw new AppError('NOT_FOUND', 'no such training job');
      const registered = await (await registryOf(deps)).getVersion(modelVersionId);
      const state = registered ? 'completed' : row.relayedAt ? 'unknown' : 'waiting-for-relay';
      return { status: 200, body: { jobId: params.jobId, modelVersionId, state, progress: registered ? 1 : 0, result: null, failedReason: null, attemptsMade: 0 } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/analytics/scoring-overview',
    summary: 'Decisions per day, approval rate, PD histogram, grade mix and outcome mix over time',
    tag: 'analytics',
    access: STAFF,
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
    handler: async ({ deps, query }) => {
      const to = deps.clock.now();
      return { status: 200, body: await scoringOverview(deps.db, { from: new Date(to.getTime() - query.days * 86_400_000), to: new Date(to.getTime() + 1) }) };
    },
  }),
];
