import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

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
 * Default: `platform_borrower_exposure` (db/sql/040-decisions.sql), a SQL function PostgreSQL
 * inlines into the query that uses it: loans' outstanding principal; open or funded (not yet
 * disbursed) listings; approved applications created up to `asOf` that have no listing yet.
 * Loans and listings are read as they are now (they have no history table); the stored snapshot
 * keeps the value used. The decision writer re-checks with the same function, so there is one
 * definition. Use it in FROM (`CROSS JOIN … AS e`, columns outstanding_fen and pending_fen).
 */
export function platformExposureSql(borrowerId: string | SQL | Placeholder, asOf: Date | Placeholder | SQL): SQL {
  return sql`platform_borrower_exposure(${borrowerId}, ${asOf})`;
}

export const platformExposureSource: BorrowerExposureSource = {
  async exposure(db, borrowerId, asOf) {
    const result = await db.execute<{ outstanding_fen: bigint; pending_fen: bigint }>(sql`SELECT e.outstanding_fen, e.pending_fen FROM ${platformExposureSql(borrowerId, asOf)} AS e`);
    const row = result.rows[0];
    return { outstandingPrincipalFen: BigInt(row?.outstanding_fen ?? 0n), pendingFen: BigInt(row?.pending_fen ?? 0n) };
  },
};
