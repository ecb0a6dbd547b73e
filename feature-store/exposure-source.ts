import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { listings, loanApplications, loans } from '../db/schema';

export interface BorrowerExposure {
  /** Principal not yet repaid on funded loans. */
  outstandingPrincipalFen: bigint;
  /** Live listings plus approved applications not yet listed. */
  pendingFen: bigint;
}

/**
 * Port for the borrower's exposure on this platform (IM 17 caps): outstanding principal +
 * live or approved-unfunded listings; the decision adds this request. Replaceable (e.g. by a
 * cached or replica-backed source) without touching the decision engine.
 */
export interface BorrowerExposureSource {
  exposure(db: DbOrTx, borrowerId: string, asOf: Date): Promise<BorrowerExposure>;
}

/**
 * Default, one query: loans' outstanding principal; open or funded (not yet disbursed) listings;
 * approved applications created up to `asOf` that have no listing yet. Loans and listings are
 * read as they are now (they have no history table); the stored snapshot keeps the value used.
 */
export function platformExposureSql(borrowerId: string | SQL, asOf: Date): { outstanding: SQL; pending: SQL } {
  return {
    outstanding: sql`(SELECT coalesce(sum(${loans.principalOutstandingFen}), 0)::bigint FROM ${loans} WHERE ${loans.borrowerId} = ${borrowerId})`,
    pending: sql`((SELECT coalesce(sum(${listings.amountFen}), 0)::bigint FROM ${listings} WHERE ${listings.borrowerId} = ${borrowerId} AND ${listings.status} IN ('open', 'funded'))
        + (SELECT coalesce(sum(a.offered_amount_fen), 0)::bigint FROM ${loanApplications} a
           WHERE a.borrower_id = ${borrowerId} AND a.status = 'approved' AND a.created_at <= ${asOf}
             AND NOT EXISTS (SELECT 1 FROM ${listings} l WHERE l.application_id = a.id)))`,
  };
}

export const platformExposureSource: BorrowerExposureSource = {
  async exposure(db, borrowerId, asOf) {
    const q = platformExposureSql(borrowerId, asOf);
    const result = await db.execute<{ outstanding: bigint; pending: bigint }>(sql`SELECT ${q.outstanding} AS outstanding, ${q.pending} AS pending`);
    const row = result.rows[0];
    return { outstandingPrincipalFen: BigInt(row?.outstanding ?? 0n), pendingFen: BigInt(row?.pending ?? 0n) };
  },
};
