import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { decisions, idempotencyKeys, loanApplications } from '../db/schema';

export type ApplicationRow = typeof loanApplications.$inferSelect;

export async function findApplication(db: DbOrTx, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(loanApplications).where(eq(loanApplications.id, id));
  return row;
}

export async function findDecision(db: DbOrTx, id: string) {
  const [row] = await db.select().from(decisions).where(eq(decisions.id, id));
  return row;
}

export async function applicationsOf(db: DbOrTx, borrowerId: string, limit = 50) {
  return db
    .select({ application: loanApplications, decision: decisions })
    .from(loanApplications)
    .innerJoin(decisions, eq(decisions.id, loanApplications.currentDecisionId))
    .where(eq(loanApplications.borrowerId, borrowerId))
    .orderBy(desc(loanApplications.createdAt))
    .limit(limit);
}

/** A stored idempotent response, read before doing any work so a retry costs nothing. */
export async function storedResponse(db: DbOrTx, scope: string, key: string) {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return row;
}
