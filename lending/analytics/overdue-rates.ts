import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/** Overdue rates of active loans by grade and term: loans past due ÷ active loans, and by principal. */
export async function overdueRatesByGradeAndTerm(db: DbOrTx) {
  const rows = await db.execute<{ grade: string; term_months: number; loans: bigint; overdue: bigint; principal_fen: bigint; overdue_principal_fen: bigint; over90: bigint }>(sql`
    SELECT grade, term_months, count(*)::bigint AS loans, count(*) FILTER (WHERE days_past_due > 0)::bigint AS overdue,
           count(*) FILTER (WHERE days_past_due > 90)::bigint AS over90,
           sum(principal_outstanding_fen)::bigint AS principal_fen,
           coalesce(sum(principal_outstanding_fen) FILTER (WHERE days_past_due > 0), 0)::bigint AS overdue_principal_fen
      FROM loans WHERE status = 'active' GROUP BY grade, term_months ORDER BY grade, term_months`);
  return rows.rows.map((r) => ({
    grade: r.grade,
    termMonths: r.term_months,
    loans: r.loans,
    overdueLoans: r.overdue,
    over90Loans: r.over90,
    countRate: r.loans === 0n ? 0 : Number(r.overdue) / Number(r.loans),
    principalFen: r.principal_fen,
    overduePrincipalFen: r.overdue_principal_fen,
    amountRate: r.principal_fen === 0n ? 0 : Number(r.overdue_principal_fen) / Number(r.principal_fen),
  }));
}
