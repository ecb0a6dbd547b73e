import { z } from 'zod';
import { AppError } from '../../../kernel/errors';
import { backtestRuleSet } from '../../../rules/backtest-rule-set';
import { createDraftRuleSet } from '../../../rules/create-draft';
import { approveAndPublishRuleSet } from '../../../rules/publish-rule-set';
import { ruleSetDefinitionSchema } from '../../../rules/rule-set-schema';
import { findRuleSet, listRuleSets } from '../../../rules/rule-sets-repo';
import { seedDefaultRuleSets } from '../../../rules/default-rule-sets';
import { shadowComparison } from '../../../rules/shadow-comparison';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';
import { decisionRuntimeOf } from './applications';

const idParams = z.object({ id: z.string().regex(/^rs_(policy|fraud)_v\d+$/, 'id must be a rule-set id like rs_policy_v2') });
const staff = ['analyst', 'admin'] as const;

export const ruleRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/rule-sets',
    summary: 'Rule sets (drafts, published live/shadow, retired)',
    tag: 'rules',
    access: staff,
    query: z.object({ kind: z.enum(['policy', 'fraud']).optional() }),
    handler: async ({ deps, query }) => {
      await seedDefaultRuleSets(deps.db, deps.clock.now());
      const rows = await listRuleSets(deps.db, query.kind);
      return { status: 200, body: { items: rows.map(({ definition: _d, ...row }) => row) } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/rule-sets/shadow-comparison',
    summary: 'Live vs shadow outcomes on live traffic',
    tag: 'rules',
    access: staff,
    handler: async ({ deps }) => ({ status: 200, body: { items: await shadowComparison(deps.db) } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/rule-sets/:id',
    summary: 'One rule set with its JSON definition',
    tag: 'rules',
    access: staff,
    params: idParams,
    handler: async ({ deps, params }) => {
      await seedDefaultRuleSets(deps.db, deps.clock.now());
      const row = await findRuleSet(deps.db, params.id);
      if (!row) throw new AppError('NOT_FOUND', 'no such rule set');
      return { status: 200, body: row };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/rule-sets',
    summary: 'Create a draft rule set (validated; errors name the JSON path)',
    tag: 'rules',
    access: ['analyst'],
    idempotent: true,
    body: z.object({ definition: z.unknown() }),
    handler: async ({ deps, user, body, idempotencyKey }) => {
      await seedDefaultRuleSets(deps.db, deps.clock.now());
      const result = await createDraftRuleSet(deps, { authorId: requireUser(user).id, definition: body.definition, idempotencyKey: idempotencyKey! });
      return { status: result.status, body: result.body };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/rule-sets/:id/approve',
    summary: 'Approve and publish a draft (approver ≠ author), live or as a shadow challenger',
    tag: 'rules',
    access: ['analyst'],
    params: idParams,
    body: z.object({ deployment: z.enum(['live', 'shadow']).default('live') }),
    handler: async ({ deps, user, params, body }) => {
      const result = await approveAndPublishRuleSet(deps, { ruleSetId: params.id, approverId: requireUser(user).id, deployment: body.deployment });
      (await decisionRuntimeOf(deps)).invalidateRuleSets();
      return { status: 200, body: result };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/rule-sets/:id/backtest',
    summary: 'Backtest a rule set over stored feature snapshots against the live sets',
    tag: 'rules',
    access: staff,
    params: idParams,
    body: z.object({ limit: z.number().int().min(1).max(50_000).default(5_000) }),
    handler: async ({ deps, params, body }) => {
      const row = await findRuleSet(deps.db, params.id);
      if (!row) throw new AppError('NOT_FOUND', 'no such rule set');
      const runtime = await decisionRuntimeOf(deps);
      return { status: 200, body: await backtestRuleSet(deps.db, ruleSetDefinitionSchema.parse(row.definition), runtime.config, { limit: body.limit }) };
    },
  }),
];
