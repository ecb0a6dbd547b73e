import { and, eq, lt, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { loanApplications } from '../db/schema';

export interface PlatformHistory {
  priorApplications90d: number;
  priorDeclines90d: number;
  existingLoans: number;
}

const HISTORY_WINDOW_MS = 90 * 86_400_000;

/** The first day of the 90-day window that ends at `asOf`. */
export const historyWindowStart = (asOf: Date) => new Date(asOf.getTime() - HISTORY_WINDOW_MS);

/**
 * The same counts as one SQL expression per field (for reads merged into one statement), over
 * values, placeholders or column references; `since` is historyWindowStart(asOf).
 */
export function platformHistorySql(borrowerId: string | Placeholder | SQL, asOf: Date | Placeholder | SQL, since: Date | Placeholder | SQL): { apps: SQL; declines: SQL; approved: SQL } {
  const from = (what: SQL) => sql`(SELECT ${what} FROM ${loanApplications} WHERE ${loanApplications.borrowerId} = ${borrowerId} AND ${loanApplications.createdAt} < ${asOf})`;
  return {
    apps: from(sql`count(*) filter (where ${loanApplications.createdAt} >= ${since})::int`),
    declines: from(sql`count(*) filter (where ${loanApplications.createdAt} >= ${since} and ${loanApplications.status} = 'declined')::int`),
    approved: from(sql`count(*) filter (where ${loanApplications.status} = 'approved')::int`),
  };
}

/**
 * The borrower's history strictly before `asOf` (point in time): the same query serves the
 * online decision and the offline training frame, so neither can see the future.
 */
export async function platformHistoryAsOf(db: DbOrTx, borrowerId: string, asOf: Date): Promise<PlatformHistory> {
  const since = historyWindowStart(asOf);
  const [row] = await db
    .select({
      apps: sql<number>`count(*) filter (where ${loanApplications.createdAt} >= ${since})::int`,
      declines: sql<number>`count(*) filter (where ${loanApplications.createdAt} >= ${since} and ${loanApplications.status} = 'declined')::int`,
      approved: sql<number>`count(*) filter (where ${loanApplications.status} = 'approved')::int`,
    })
    .from(loanApplications)
    .where(and(eq(loanApplications.borrowerId, borrowerId), lt(loanApplications.createdAt, asOf)));
  return { priorApplications90d: row?.apps ?? 0, priorDeclines90d: row?.declines ?? 0, existingLoans: row?.approved ?? 0 };
}
