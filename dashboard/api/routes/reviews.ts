import { z } from 'zod';
import { decideReview } from '../../../decision-engine/decide-review';
import { verifyDecisionChain } from '../../../decision-engine/decision-chain';
import { listReviews } from '../../../decision-engine/list-reviews';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';
import { decisionRuntimeOf } from './applications';

const yuan = z.string().trim().regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a yuan amount string, e.g. "1234.56"');

export const reviewRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/reviews',
    summary: 'Manual-review queue: referrals and human re-decision requests (analysts)',
    tag: 'reviews',
    access: ['analyst', 'admin'],
    query: z.object({ status: z.enum(['open', 'decided']).default('open'), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    handler: async ({ deps, query }) => ({ status: 200, body: { items: await listReviews(deps.db, query.status, query.limit) } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/reviews/:id/decide',
    summary: 'Decide a manual review with a note; recorded as a new decision in the chain',
    tag: 'reviews',
    access: ['analyst'],
    idempotent: true,
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z.object({ outcome: z.enum(['approved', 'declined', 'counter_offer']), note: z.string().trim().min(5).max(2000), offeredAmount: yuan.optional() }),
    handler: async ({ deps, user, params, body, idempotencyKey }) => {
      const runtime = await decisionRuntimeOf(deps);
      const result = await decideReview({ ...deps, config: runtime.config }, { ...body, reviewId: params.id, reviewerId: requireUser(user).id, idempotencyKey: idempotencyKey! });
      return { status: result.status, body: result.body };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/decisions/verify',
    summary: 'Verify the decision hash chain (analysts, admins)',
    tag: 'reviews',
    access: ['analyst', 'admin'],
    handler: async ({ deps }) => ({ status: 200, body: await verifyDecisionChain(deps.db) }),
  }),
];
