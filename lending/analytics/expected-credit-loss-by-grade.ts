import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/**
 * Expected credit loss by grade: Σ PD × LGD × exposure over active loans, exposure = principal
 * outstanding. A risk report for analysts, never an amount paid to investors (the platform
 * guarantees nothing). LGD is a parameter in bps (default 60%); results are rounded to the fen.
 */
export async function expectedCreditLossByGrade(db: DbOrTx, options: { lgdBps?: number } = {}) {
  const lgdBps = options.lgdBps ?? 6000;
  const rows = await db.execute<{ grade: string; loans: bigint; exposure_fen: bigint; ecl_fen: bigint; avg_pd: number }>(sql`
    SELECT grade, count(*)::bigint AS loans, sum(principal_outstanding_fen)::bigint AS exposure_fen,
           round(sum(pd::numeric * principal_outstanding_fen) * ${lgdBps} / 10000)::bigint AS ecl_fen, avg(pd)::float8 AS avg_pd
      FROM loans WHERE status = 'active' GROUP BY grade ORDER BY grade`);
  return { lgdBps, byGrade: rows.rows.map((r) => ({ grade: r.grade, loans: r.loans, exposureFen: r.exposure_fen, expectedLossFen: r.ecl_fen, averagePd: r.avg_pd })) };
}
