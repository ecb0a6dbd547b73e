import { z } from 'zod';
import { applicationInputSchema } from '../../../feature-store/application-input';
import { applicationView } from '../../../decision-engine/application-view';
import { applicationsOf, findApplication, findDecision } from '../../../decision-engine/applications-repo';
import { createDecisionRuntime, type DecisionRuntime } from '../../../decision-engine/decision-runtime';
import { requestExplanation } from '../../../decision-engine/request-explanation';
import { submitApplication } from '../../../decision-engine/submit-application';
import { AppError } from '../../../kernel/errors';
import { service, type ApiDeps } from '../api-deps';
import { defineRoute } from '../define-route';
import { assertOwnerOrRoles, requireUser } from '../guard';

const DECISION_RUNTIME = 'decision-runtime';

/** The per-process decision runtime (models loaded once, rule engines cached). */
export function decisionRuntimeOf(deps: ApiDeps): Promise<DecisionRuntime> {
  return service(deps, DECISION_RUNTIME, () => createDecisionRuntime({ computeThreads: deps.config.DECISION_COMPUTE_THREADS }));
}

/** Gives the API a runtime built elsewhere (the simulation's, with its world's credit bureau), before any request builds the default. */
export function provideDecisionRuntime(deps: ApiDeps, runtime: Promise<DecisionRuntime>): void {
  if (deps.services.has(DECISION_RUNTIME)) throw new Error('the decision runtime is already built; provide it before the first request');
  deps.services.set(DECISION_RUNTIME, runtime);
}

const idParams = z.object({ id: z.string().regex(/^app_[0-9A-Z]{26}$/, 'id must be an application id') });

export const applicationRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/applications',
    summary: 'Apply for a loan and get an instant decision (approved / declined / referred / counter_offer) with grade, limit, APR and reasons',
    tag: 'applications',
    access: ['borrower'],
    idempotent: true,
    body: applicationInputSchema,
    handler: async ({ deps, user, body, idempotencyKey }) => {
      const me = requireUser(user);
      // Named fields, not `{ ...deps, runtime }` (ARCHITECTURE.md, "Hot paths": no spread copies that then grow).
      const { db, redis, redisPrefix, clock, fieldEncryption } = deps;
      const result = await submitApplication({ db, redis, redisPrefix, clock, fieldEncryption, runtime: await decisionRuntimeOf(deps) }, { borrowerId: me.id, idempotencyKey: idempotencyKey!, application: body });
      return { status: result.status, body: result.body, headers: result.replayed ? { 'idempotent-replayed': 'true' } : undefined };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/applications/:id',
    summary: 'One application with its current decision (owner, analysts, admins)',
    tag: 'applications',
    access: 'authenticated',
    params: idParams,
    handler: async ({ deps, user, params }) => {
      const app = await findApplication(deps.db, params.id);
      if (!app) throw new AppError('NOT_FOUND', 'no such resource');
      assertOwnerOrRoles(user, app.borrowerId);
      const decision = await findDecision(deps.db, app.currentDecisionId);
      return { status: 200, body: applicationView(app, decision!) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/applications',
    summary: 'My applications, newest first',
    tag: 'applications',
    access: 'authenticated',
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    handler: async ({ deps, user, query }) => {
      const rows = await applicationsOf(deps.db, requireUser(user).id, query.limit);
      return { status: 200, body: { items: rows.map((r) => applicationView(r.application, r.decision)) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/applications/:id/explanation-request',
    summary: 'Ask for an explanation and a human re-decision of an automated decision (PIPL 24)',
    tag: 'applications',
    access: 'authenticated',
    idempotent: true,
    params: idParams,
    body: z.object({ note: z.string().trim().min(1).max(2000) }),
    handler: async ({ deps, user, params, body, idempotencyKey }) => {
      const result = await requestExplanation(deps, { applicationId: params.id, requesterId: requireUser(user).id, note: body.note, idempotencyKey: idempotencyKey! });
      return { status: result.status, body: result.body };
    },
  }),
];
