import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { decisions } from '../db/schema';

/** Live vs shadow (challenger) outcomes recorded on live traffic, per challenger rule-set pair. */
export async function shadowComparison(db: DbOrTx) {
  const rows = await db
    .select({
      policyRuleSetId: sql<string>`${decisions.shadow}->>'policyRuleSetId'`,
      fraudRuleSetId: sql<string>`${decisions.shadow}->>'fraudRuleSetId'`,
      live: decisions.outcome,
      shadow: sql<string>`${decisions.shadow}->>'outcome'`,
      n: sql<number>`count(*)::int`,
    })
    .from(decisions)
    .where(and(eq(decisions.kind, 'automated'), isNotNull(decisions.shadow)))
    .groupBy(sql`1`, sql`2`, decisions.outcome, sql`4`);
  const byPair = new Map<string, { policyRuleSetId: string; fraudRuleSetId: string; decisions: number; agreements: number; transitions: Record<string, number> }>();
  for (const r of rows) {
    const key = `${r.policyRuleSetId}|${r.fraudRuleSetId}`;
    const entry = byPair.get(key) ?? { policyRuleSetId: r.policyRuleSetId, fraudRuleSetId: r.fraudRuleSetId, decisions: 0, agreements: 0, transitions: {} };
    entry.decisions += r.n;
    if (r.live === r.shadow) entry.agreements += r.n;
    entry.transitions[`${r.live}->${r.shadow}`] = (entry.transitions[`${r.live}->${r.shadow}`] ?? 0) + r.n;
    byPair.set(key, entry);
  }
  return [...byPair.values()].map((e) => ({ ...e, agreementRate: e.decisions ? e.agreements / e.decisions : null }));
}
