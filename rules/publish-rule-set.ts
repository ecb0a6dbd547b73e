import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../db/audit/append-audit';
import type { CoreDeps } from '../db/core-deps';
import { ruleSets } from '../db/schema';
import { AppError } from '../kernel/errors';
import { seedDefaultRuleSets } from './default-rule-sets';
import { findRuleSet } from './rule-sets-repo';

/**
 * Maker-checker: a different analyst approves a draft and publishes it, either live (it decides)
 * or as a shadow challenger (it runs on live traffic, recorded but not acted on). The set it
 * replaces in that deployment is retired in the same transaction.
 */
export async function approveAndPublishRuleSet(deps: Pick<CoreDeps, 'db' | 'clock'>, input: { ruleSetId: string; approverId: string; deployment: 'live' | 'shadow' }) {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await seedDefaultRuleSets(tx, now);
    const row = await findRuleSet(tx, input.ruleSetId);
    if (!row) throw new AppError('NOT_FOUND', 'no such rule set');
    if (row.status !== 'draft') throw new AppError('CONFLICT', `rule set ${row.id} is ${row.status}, only a draft can be approved`);
    if (row.authorId === input.approverId) throw new AppError('FORBIDDEN', 'maker-checker: the approver must be a different analyst from the author');
    await tx
      .update(ruleSets)
      .set({ status: 'retired', retiredAt: now })
      .where(and(eq(ruleSets.kind, row.kind), eq(ruleSets.status, 'published'), eq(ruleSets.deployment, input.deployment)));
    await tx.update(ruleSets).set({ status: 'published', deployment: input.deployment, approvedBy: input.approverId, publishedAt: now }).where(eq(ruleSets.id, row.id));
    await appendAudit(tx, deps.clock, { actorId: input.approverId, action: 'rule_set.published', subjectType: 'rule_set', subjectId: row.id, data: { deployment: input.deployment, authorId: row.authorId, definitionHash: row.definitionHash } });
    return { id: row.id, kind: row.kind, version: row.version, status: 'published' as const, deployment: input.deployment, authorId: row.authorId, approvedBy: input.approverId };
  });
}
