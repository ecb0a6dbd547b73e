import { asc, desc } from 'drizzle-orm';
import { z } from 'zod';
import { sessionCacheOf } from '../../../auth/sessions';
import { findUserById, rolesOf } from '../../../auth/users-repo';
import { appendAudit } from '../../../db/audit/append-audit';
import { verifyAuditChain } from '../../../db/audit/verify-audit-chain';
import { auditLog, ROLES, userRoles, users } from '../../../db/schema';
import { AppError } from '../../../kernel/errors';
import { defineRoute } from '../define-route';
import { assertOwnerOrRoles, requireUser } from '../guard';

const paging = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });

export const adminRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/users/:id',
    summary: 'A user profile: the user themself, or an admin',
    tag: 'users',
    access: 'authenticated',
    params: z.object({ id: z.string().min(1).max(64) }),
    handler: async ({ deps, user, params }) => {
      assertOwnerOrRoles(user, params.id, ['admin']);
      const found = await findUserById(deps.db, params.id);
      if (!found) throw new AppError('NOT_FOUND', 'no such resource');
      return { status: 200, body: { id: found.id, email: found.email, displayName: found.displayName, status: found.status, roles: await rolesOf(deps.db, found.id), createdAt: found.createdAt } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/admin/users',
    summary: 'List users with their roles',
    tag: 'admin',
    access: ['admin'],
    query: paging,
    handler: async ({ deps, query }) => {
      const rows = await deps.db.select({ id: users.id, email: users.email, displayName: users.displayName, status: users.status, createdAt: users.createdAt }).from(users).orderBy(asc(users.createdAt)).limit(query.limit).offset(query.offset);
      const items = await Promise.all(rows.map(async (row) => ({ ...row, roles: await rolesOf(deps.db, row.id) })));
      return { status: 200, body: { items, limit: query.limit, offset: query.offset } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/:id/roles',
    summary: 'Grant a role to a user',
    tag: 'admin',
    access: ['admin'],
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z.object({ role: z.enum(ROLES) }),
    handler: async ({ deps, user, params, body }) => {
      const admin = requireUser(user);
      if (!(await findUserById(deps.db, params.id))) throw new AppError('NOT_FOUND', 'no such user');
      await deps.db.transaction(async (tx) => {
        await tx.insert(userRoles).values({ userId: params.id, role: body.role, grantedAt: deps.clock.now(), grantedBy: admin.id }).onConflictDoNothing();
        await appendAudit(tx, deps.clock, { actorId: admin.id, action: 'user.role_granted', subjectType: 'user', subjectId: params.id, data: { role: body.role } });
      });
      // Sessions cache their roles briefly; the grant takes effect at once in this process.
      sessionCacheOf(deps.db).invalidateUser(params.id);
      return { status: 200, body: { id: params.id, roles: await rolesOf(deps.db, params.id) } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/admin/audit',
    summary: 'The audit log, newest first',
    tag: 'admin',
    access: ['admin'],
    query: paging,
    handler: async ({ deps, query }) => {
      const items = await deps.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(query.limit).offset(query.offset);
      return { status: 200, body: { items, limit: query.limit, offset: query.offset } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/admin/audit/verify',
    summary: 'Verify the audit hash chain',
    tag: 'admin',
    access: ['admin'],
    handler: async ({ deps }) => ({ status: 200, body: await verifyAuditChain(deps.db) }),
  }),
];
