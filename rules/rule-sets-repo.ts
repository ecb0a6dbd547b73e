import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { ruleSets } from '../db/schema';
import { AppError } from '../kernel/errors';
import { compileRuleSet, type CompiledRuleSet } from './evaluate-rule-set';
import { ruleSetDefinitionSchema } from './rule-set-schema';

export type RuleSetRow = typeof ruleSets.$inferSelect;

export async function findRuleSet(db: DbOrTx, id: string): Promise<RuleSetRow | undefined> {
  const [row] = await db.select().from(ruleSets).where(eq(ruleSets.id, id));
  return row;
}

export async function listRuleSets(db: DbOrTx, kind?: 'policy' | 'fraud'): Promise<RuleSetRow[]> {
  return db.select().from(ruleSets).where(kind ? eq(ruleSets.kind, kind) : sql`true`).orderBy(ruleSets.kind, desc(ruleSets.version));
}

export async function publishedRuleSet(db: DbOrTx, kind: 'policy' | 'fraud', deployment: 'live' | 'shadow'): Promise<RuleSetRow | undefined> {
  const [row] = await db
    .select()
    .from(ruleSets)
    .where(and(eq(ruleSets.kind, kind), eq(ruleSets.status, 'published'), eq(ruleSets.deployment, deployment)))
    .orderBy(desc(ruleSets.version))
    .limit(1);
  return row;
}

export function compileRow(row: RuleSetRow): CompiledRuleSet {
  return compileRuleSet(row.id, ruleSetDefinitionSchema.parse(row.definition));
}

/** The compiled rule set a stored decision used (replay, backtests). */
export async function compiledById(db: DbOrTx, id: string): Promise<CompiledRuleSet> {
  const row = await findRuleSet(db, id);
  if (!row) throw new AppError('NOT_FOUND', `rule set ${id} does not exist`);
  return compileRow(row);
}
