import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/** Actual versus expected default by grade, over loans whose outcome is known (labelled). */
export async function actualVersusExpectedDefault(db: DbOrTx) {
  const rows = await db.execute<{ grade: string; loans: bigint; bad: bigint; expected: number }>(sql`
    SELECT grade, count(*)::bigint AS loans, count(*) FILTER (WHERE outcome_label = 'bad')::bigint AS bad, avg(pd)::float8 AS expected
      FROM loans WHERE outcome_label IS NOT NULL GROUP BY grade ORDER BY grade`);
  return rows.rows.map((r) => ({ grade: r.grade, loans: r.loans, defaults: r.bad, actualRate: Number(r.bad) / Number(r.loans), expectedRate: r.expected }));
}
