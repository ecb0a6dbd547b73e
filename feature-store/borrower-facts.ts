import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { executePrepared, preparedQuery } from '../db/execute-prepared';
import { identities } from '../db/schema';
import { platformExposureSource, platformExposureSql, type BorrowerExposure, type BorrowerExposureSource } from './exposure-source';
import { historyWindowStart, platformHistoryAsOf, platformHistorySql, type PlatformHistory } from './platform-history';

/** The verified identity's fields a decision needs (blind indexes and the still-encrypted birth date). */
export interface VerifiedIdentityKeys {
  idNumberBidx: string;
  phoneBidx: string;
  birthDateEnc: string;
}

export interface BorrowerFacts {
  /** Undefined when the borrower has not passed real-name verification. */
  identity: VerifiedIdentityKeys | undefined;
  history: PlatformHistory;
  exposure: BorrowerExposure;
}

/** borrowerFactsAsOf's statement: its text is built once (preparedQuery), it runs on every decision. */
const borrowerFactsQuery = preparedQuery<{ id_number_bidx: string | null; phone_bidx: string | null; birth_date_enc: string | null; apps: number; declines: number; approved: number; outstanding: string; pending: string }>(() => {
  const [borrowerId, asOf] = [sql.placeholder('borrowerId'), sql.placeholder('asOf')];
  const h = platformHistorySql(borrowerId, asOf, sql.placeholder('since'));
  return sql`
    SELECT i.id_number_bidx, i.phone_bidx, i.birth_date_enc,
      ${h.apps} AS apps, ${h.declines} AS declines, ${h.approved} AS approved,
      e.outstanding_fen AS outstanding, e.pending_fen AS pending
    FROM ${platformExposureSql(borrowerId, asOf)} AS e
    LEFT JOIN ${identities} i ON i.user_id = ${borrowerId} AND i.status = 'verified' AND i.verified_at IS NOT NULL`;
});

/**
 * The KYC gate's identity, the point-in-time platform history and the exposure in ONE
 * statement (same predicates as platformHistoryAsOf and platformExposureSource: the SQL
 * is shared), prepared once per connection. A non-default exposure source is asked
 * separately (it is a port).
 */
export async function borrowerFactsAsOf(db: DbOrTx, borrowerId: string, asOf: Date, exposureSource: BorrowerExposureSource = platformExposureSource): Promise<BorrowerFacts> {
  if (exposureSource !== platformExposureSource) {
    const [identity, history, exposure] = await Promise.all([identityKeys(db, borrowerId), platformHistoryAsOf(db, borrowerId, asOf), exposureSource.exposure(db, borrowerId, asOf)]);
    return { identity, history, exposure };
  }
  const result = await borrowerFactsQuery(db, { borrowerId, asOf, since: historyWindowStart(asOf) });
  const row = result.rows[0]!;
  return {
    identity: row.id_number_bidx !== null && row.phone_bidx !== null && row.birth_date_enc !== null ? { idNumberBidx: row.id_number_bidx, phoneBidx: row.phone_bidx, birthDateEnc: row.birth_date_enc } : undefined,
    history: { priorApplications90d: Number(row.apps ?? 0), priorDeclines90d: Number(row.declines ?? 0), existingLoans: Number(row.approved ?? 0) },
    exposure: { outstandingPrincipalFen: BigInt(row.outstanding ?? 0), pendingFen: BigInt(row.pending ?? 0) },
  };
}

async function identityKeys(db: DbOrTx, borrowerId: string): Promise<VerifiedIdentityKeys | undefined> {
  const result = await executePrepared<{ id_number_bidx: string; phone_bidx: string; birth_date_enc: string }>(
    db,
    sql`SELECT id_number_bidx, phone_bidx, birth_date_enc FROM ${identities} WHERE user_id = ${borrowerId} AND status = 'verified' AND verified_at IS NOT NULL`,
  );
  return result.rows[0] ? { idNumberBidx: result.rows[0].id_number_bidx, phoneBidx: result.rows[0].phone_bidx, birthDateEnc: result.rows[0].birth_date_enc } : undefined;
}
