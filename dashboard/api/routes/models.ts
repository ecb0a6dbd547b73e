import { z } from 'zod';
import { AppError } from '../../../kernel/errors';
import { newId } from '../../../kernel/ids';
import { ensureBootstrapChampions } from '../../../models/registry/ensure-bootstrap-champions';
import { PostgresModelRegistryRepository } from '../../../models/registry/postgres-repository';
import { approvePromotion, markValidated, requestPromotion, retireModel } from '../../../models/registry/promote-model';
import { runRegistryCommand } from '../../../models/registry/registry-command';
import type { ApiDeps } from '../api-deps';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';
import { decisionRuntimeOf } from './applications';

/** Model registry for analysts: list, figures, validation, four-eyes promotion, retirement. */
const STAFF = ['analyst', 'admin'] as const;
export const modelIdSchema = z.string().regex(/^((credit|fraud)-bootstrap-[0-9a-f]{12}|mdl_[0-9A-Z]{26})$/, 'id must be a model version id like mdl_… or credit-bootstrap-…');
const idParams = z.object({ id: modelIdSchema });
const kindQuery = z.object({ kind: z.enum(['credit', 'fraud']).optional() });

/** The registry, with the bootstrap champions registered on first use. */
export async function registryOf(deps: ApiDeps): Promise<PostgresModelRegistryRepository> {
  const repo = new PostgresModelRegistryRepository(deps.db);
  await ensureBootstrapChampions(repo, deps.clock.now());
  return repo;
}

export const modelRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/models',
    summary: 'Model registry: every version with its status (draft / validated / approved / retired) and role',
    tag: 'models',
    access: STAFF,
    query: kindQuery,
    handler: async ({ deps, query }) => {
      const rows = await (await registryOf(deps)).listVersionSummaries(query.kind);
      return { status: 200, body: { items: rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()) } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/models/:id',
    summary: 'One version: ROC, reliability curve, KS, Brier, confusion at thresholds, training-data hash, feature set, owner, intended use, status',
    tag: 'models',
    access: STAFF,
    params: idParams,
    handler: async ({ deps, params }) => {
      const v = await (await registryOf(deps)).getVersion(params.id);
      if (!v) throw new AppError('NOT_FOUND', 'no such model version');
      const { artifact, ...rest } = v;
      return { status: 200, body: { ...rest, modelType: artifact.modelType, calibration: artifact.calibration.type } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/models/:id/validate',
    summary: 'Mark a draft as validated (an analyst reviewed its figures)',
    tag: 'models',
    access: ['analyst'],
    params: idParams,
    handler: async ({ deps, user, params }) => {
      const me = requireUser(user);
      await runRegistryCommand(deps, { actorId: me.id, action: 'model.validated', modelVersionId: params.id }, (repo) => markValidated(repo, params.id));
      return { status: 200, body: { id: params.id, status: 'validated' } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/models/:id/promotion-requests',
    summary: 'Propose a validated version as champion (a second analyst approves)',
    tag: 'models',
    access: ['analyst'],
    params: idParams,
    handler: async ({ deps, user, params }) => {
      const me = requireUser(user);
      const requestId = newId('mpr', deps.clock);
      const r = await runRegistryCommand(deps, { actorId: me.id, action: 'model.promotion_requested', modelVersionId: params.id, data: { requestId } }, (repo) =>
        requestPromotion(repo, { requestId, modelVersionId: params.id, requestedBy: me.id, now: deps.clock.now() }),
      );
      return { status: 201, body: r };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/models/:id/approve-promotion',
    summary: 'Approve the open promotion request (approver ≠ requester and ≠ creator): the version becomes the champion',
    tag: 'models',
    access: ['analyst'],
    params: idParams,
    handler: async ({ deps, user, params }) => {
      const me = requireUser(user);
      await runRegistryCommand(deps, { actorId: me.id, action: 'model.promotion_approved', modelVersionId: params.id }, async (repo) => {
        const open = await repo.pendingPromotionRequest(params.id);
        if (!open) throw new AppError('NOT_FOUND', 'this version has no open promotion request', { field: 'id' });
        await approvePromotion(repo, { requestId: open.id, approver: me.id, now: deps.clock.now() });
      });
      (await decisionRuntimeOf(deps)).invalidateModels();
      return { status: 200, body: { id: params.id, status: 'approved', role: 'champion', approvedBy: me.id } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/models/:id/retire',
    summary: 'Retire a version (not the champion: promote a replacement instead)',
    tag: 'models',
    access: ['analyst'],
    params: idParams,
    handler: async ({ deps, user, params }) => {
      const me = requireUser(user);
      await runRegistryCommand(deps, { actorId: me.id, action: 'model.retired', modelVersionId: params.id }, (repo) => retireModel(repo, params.id));
      (await decisionRuntimeOf(deps)).invalidateModels();
      return { status: 200, body: { id: params.id, status: 'retired' } };
    },
  }),
];
