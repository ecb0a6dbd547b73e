import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/**
 * Vintage curves: for each origination month and each month on book m (while observable by
 * `asOf`), the cumulative share of loans (and of principal) that have ever been 30+ and 90+
 * days past due within m months of their start (first_dpd30_on / first_dpd90_on).
 */
export async function vintageCurves(db: DbOrTx, options: { asOf: string; maxMonths?: number }) {
  const maxMonths = options.maxMonths ?? 36;
  const rows = await db.execute<{ vintage: string; mob: number; loans: bigint; dpd30: bigint; dpd90: bigint; principal_fen: bigint; dpd30_fen: bigint; dpd90_fen: bigint }>(sql`
    SELECT to_char(l.start_date, 'YYYY-MM') AS vintage, m.mob, count(*)::bigint AS loans,
           count(*) FILTER (WHERE l.first_dpd30_on <= (l.start_date + make_interval(months => m.mob))::date)::bigint AS dpd30,
           count(*) FILTER (WHERE l.first_dpd90_on <= (l.start_date + make_interval(months => m.mob))::date)::bigint AS dpd90,
           sum(l.principal_fen)::bigint AS principal_fen,
           coalesce(sum(l.principal_fen) FILTER (WHERE l.first_dpd30_on <= (l.start_date + make_interval(months => m.mob))::date), 0)::bigint AS dpd30_fen,
           coalesce(sum(l.principal_fen) FILTER (WHERE l.first_dpd90_on <= (l.start_date + make_interval(months => m.mob))::date), 0)::bigint AS dpd90_fen
      FROM loans l CROSS JOIN generate_series(1, ${maxMonths}) AS m(mob)
     WHERE (date_trunc('month', l.start_date) + make_interval(months => m.mob))::date <= ${options.asOf}::date
     GROUP BY 1, 2 ORDER BY 1, 2`);
  return rows.rows.map((r) => ({
    vintage: r.vintage,
    monthsOnBook: r.mob,
    loans: r.loans,
    cumulative30PlusRate: Number(r.dpd30) / Number(r.loans),
    cumulative90PlusRate: Number(r.dpd90) / Number(r.loans),
    cumulative30PlusPrincipalRate: Number(r.dpd30_fen) / Number(r.principal_fen),
    cumulative90PlusPrincipalRate: Number(r.dpd90_fen) / Number(r.principal_fen),
  }));
}
