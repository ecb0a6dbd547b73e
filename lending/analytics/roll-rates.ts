import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/**
 * Roll rates between delinquency buckets from one date to another (e.g. two month ends): each
 * loan's status at a date is the last transition on or before it (current before any), loans
 * funded after `from` are left out. Returns counts and the share of each `from` bucket.
 */
export async function rollRates(db: DbOrTx, options: { from: string; to: string }) {
  const rows = await db.execute<{ from_status: string; to_status: string; loans: bigint }>(sql`
    WITH base AS (SELECT id FROM loans WHERE start_date <= ${options.from}::date),
    s_from AS (SELECT DISTINCT ON (loan_id) loan_id, to_status FROM delinquency_transitions WHERE business_date <= ${options.from}::date ORDER BY loan_id, business_date DESC),
    s_to AS (SELECT DISTINCT ON (loan_id) loan_id, to_status FROM delinquency_transitions WHERE business_date <= ${options.to}::date ORDER BY loan_id, business_date DESC)
    SELECT coalesce(f.to_status, 'current') AS from_status, coalesce(t.to_status, 'current') AS to_status, count(*)::bigint AS loans
      FROM base b LEFT JOIN s_from f ON f.loan_id = b.id LEFT JOIN s_to t ON t.loan_id = b.id
     GROUP BY 1, 2 ORDER BY 1, 2`);
  const totals = new Map<string, bigint>();
  for (const r of rows.rows) totals.set(r.from_status, (totals.get(r.from_status) ?? 0n) + r.loans);
  return rows.rows.map((r) => ({ from: r.from_status, to: r.to_status, loans: r.loans, share: Number(r.loans) / Number(totals.get(r.from_status)!) }));
}
