import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { withIdempotency } from '../../../db/idempotency';
import { collectionCases, monitoringAlerts } from '../../../db/schema';
import { AppError } from '../../../kernel/errors';
import { parseYuan, toYuanString } from '../../../kernel/money';
import { listCaseInteractions, listCollectionQueue } from '../../../lending/collections/list-collection-queue';
import { interactionInputSchema, recordCollectionInteractionIn } from '../../../lending/collections/record-collection-interaction';
import { recordCompensation } from '../../../lending/servicing/record-compensation';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';
import { servicingDepsOf } from './servicing';

/** Collectors' work queue, in-loan monitoring alerts and guarantor compensation (analysts, admins). */
const STAFF = ['analyst', 'admin'] as const;
const paging = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });

export const servicingStaffRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/collections/queue',
    summary: 'Open collection cases, most days past due first',
    tag: 'collections',
    access: STAFF,
    query: paging.extend({ stage: z.enum(['reminder', 'soft', 'calls', 'formal', 'legal']).optional() }),
    handler: async ({ deps, query }) => {
      const items = await listCollectionQueue(deps.db, query);
      return { status: 200, body: { items: items.map((i) => ({ ...i, principalOutstanding: toYuanString(i.principalOutstandingFen), principalOutstandingFen: undefined })), limit: query.limit, offset: query.offset } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/collections/cases/:id/interactions',
    summary: 'Every interaction on a collection case, allowed or refused',
    tag: 'collections',
    access: STAFF,
    params: z.object({ id: z.string().min(1).max(80) }),
    handler: async ({ deps, params }) => ({ status: 200, body: { items: await listCaseInteractions(deps.db, params.id) } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/collections/cases/:id/interactions',
    summary: 'Record a contact; refused (422, still recorded) outside 08:00–22:00, over 3 answered calls a day, or against the template rules',
    tag: 'collections',
    access: STAFF,
    idempotent: true,
    params: z.object({ id: z.string().min(1).max(80) }),
    body: interactionInputSchema,
    handler: async ({ deps, user, params, body, idempotencyKey }) => {
      const collectorId = requireUser(user).id;
      // A refusal is answered 422 but committed with its record, so it is not thrown here.
      const result = await withIdempotency<unknown>(deps.db, deps.clock, { scope: `collection:${collectorId}`, key: idempotencyKey!, request: { caseId: params.id, ...body } }, async (tx) => {
        const r = await recordCollectionInteractionIn(tx, deps.clock, { caseId: params.id, collectorId, ...body });
        if (r.allowed) return { status: 201, body: r };
        const message = `contact refused: ${r.refusal}${r.lintProblems.length ? ` (${r.lintProblems.join(', ')})` : ''}`;
        return { status: 422, body: { error: { code: 'BUSINESS_RULE', message, details: { reason: r.refusal, interactionId: r.id, lintProblems: r.lintProblems } } } };
      });
      return { status: result.status, body: result.body };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/collections/cases/:id/assign',
    summary: 'Assign a collection case to a collector (analyst or admin)',
    tag: 'collections',
    access: STAFF,
    params: z.object({ id: z.string().min(1).max(80) }),
    body: z.object({ collectorId: z.string().min(1).max(64) }),
    handler: async ({ deps, params, body }) => {
      const rows = await deps.db.update(collectionCases).set({ assignedTo: body.collectorId, updatedAt: deps.clock.now() }).where(and(eq(collectionCases.id, params.id), eq(collectionCases.status, 'open'))).returning({ id: collectionCases.id });
      if (rows.length === 0) throw new AppError('NOT_FOUND', 'no such open collection case');
      return { status: 200, body: { id: params.id, assignedTo: body.collectorId } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/monitoring/alerts',
    summary: 'In-loan monitoring alerts (open first)',
    tag: 'collections',
    access: STAFF,
    query: paging.extend({ status: z.enum(['open', 'closed']).default('open') }),
    handler: async ({ deps, query }) => {
      const items = await deps.db.select().from(monitoringAlerts).where(eq(monitoringAlerts.status, query.status)).orderBy(desc(monitoringAlerts.createdAt)).limit(query.limit).offset(query.offset);
      return { status: 200, body: { items } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/monitoring/alerts/:id/close',
    summary: 'Close a monitoring alert once reviewed',
    tag: 'collections',
    access: STAFF,
    params: z.object({ id: z.string().min(1).max(80) }),
    handler: async ({ deps, params }) => {
      const rows = await deps.db.update(monitoringAlerts).set({ status: 'closed' }).where(and(eq(monitoringAlerts.id, params.id), eq(monitoringAlerts.status, 'open'))).returning({ id: monitoringAlerts.id });
      if (rows.length === 0) throw new AppError('NOT_FOUND', 'no such open alert');
      return { status: 200, body: { id: params.id, status: 'closed' } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/loans/:id/compensations',
    summary: 'Record a third-party guarantor\'s payment of overdue amounts (代偿)',
    tag: 'collections',
    access: ['admin'],
    idempotent: true,
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z.object({ guarantorId: z.string().min(1).max(100), amount: z.string().max(20) }),
    handler: async ({ deps, user, params, body, idempotencyKey }) => {
      const admin = requireUser(user);
      const amountFen = parseYuan(body.amount, { field: 'amount' });
      if (amountFen <= 0n) throw new AppError('VALIDATION', 'amount must be positive', { field: 'amount' });
      const result = await withIdempotency(deps.db, deps.clock, { scope: 'compensation', key: idempotencyKey!, request: { loanId: params.id, ...body } }, async (tx) => {
        const r = await recordCompensation(tx, servicingDepsOf(deps), { loanId: params.id, guarantorId: body.guarantorId, amountFen, idempotencyKey: idempotencyKey!, actorId: admin.id });
        return { status: 201, body: { repaymentId: r.repayment?.id ?? null, amount: toYuanString(r.repayment?.amountFen ?? 0n) } };
      });
      return { status: result.status, body: result.body };
    },
  }),
];
