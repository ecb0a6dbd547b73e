import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { preparedQuery } from '../db/execute-prepared';
import { identities } from '../db/schema';
import { platformExposureSql, type BorrowerExposure } from './exposure-source';
import { historyWindowStart, platformHistorySql, type PlatformHistory } from './platform-history';

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

type FactsRow = { o: number; id_number_bidx: string | null; phone_bidx: string | null; birth_date_enc: string | null; apps: number; declines: number; approved: number; outstanding: string; pending: string };

/**
 * The facts of several (borrower, asOf) reads in ONE statement, a row per read (`o`, from 1):
 * the KYC gate's identity, the point-in-time platform history and the exposure, with the same
 * predicates as platformHistoryAsOf and platformExposureSource (the SQL is shared). Its text is
 * built once (preparedQuery); it runs for every decision. Two things keep its plan generic and
 * per-borrower (index lookups for each read, whatever the batch's size):
 *  - the arrays are read through `(SELECT $n)`, so the planner cannot see their length: otherwise
 *    every custom plan (for a batch of one or two) looks cheaper than the generic plan, and
 *    PostgreSQL plans the statement again on every call;
 *  - the identity is a LATERAL subquery with LIMIT 1 (a user has one identity row), so it stays
 *    an index lookup per read instead of becoming a hash join over every identity.
 */
const borrowerFactsQuery = preparedQuery<FactsRow>(() => {
  const [borrowerId, asOf, since] = [sql`u.borrower_id`, sql`u.as_of`, sql`u.since`];
  const h = platformHistorySql(borrowerId, asOf, since);
  return sql`
    SELECT u.o::int AS o, i.id_number_bidx, i.phone_bidx, i.birth_date_enc,
      ${h.apps} AS apps, ${h.declines} AS declines, ${h.approved} AS approved,
      e.outstanding_fen AS outstanding, e.pending_fen AS pending
    FROM unnest((SELECT ${sql.placeholder('borrowerIds')}::text[]), (SELECT ${sql.placeholder('asOf')}::timestamptz[]), (SELECT ${sql.placeholder('since')}::timestamptz[])) WITH ORDINALITY AS u(borrower_id, as_of, since, o)
    CROSS JOIN LATERAL ${platformExposureSql(borrowerId, asOf)} AS e
    LEFT JOIN LATERAL (SELECT id_number_bidx, phone_bidx, birth_date_enc FROM ${identities}
      WHERE user_id = u.borrower_id AND status = 'verified' AND verified_at IS NOT NULL LIMIT 1) i ON true`;
});

/** One statement for every read given (order kept); the platform's own exposure source. */
export async function readBorrowerFacts(db: DbOrTx, reads: ReadonlyArray<{ borrowerId: string; asOf: Date }>): Promise<BorrowerFacts[]> {
  const result = await borrowerFactsQuery(db, {
    borrowerIds: reads.map((r) => r.borrowerId),
    asOf: reads.map((r) => r.asOf.toISOString()),
    since: reads.map((r) => historyWindowStart(r.asOf).toISOString()),
  });
  const byOrdinal = new Map(result.rows.map((row) => [Number(row.o), row]));
  return reads.map((_, k) => {
    const row = byOrdinal.get(k + 1);
    if (!row) throw new Error(`borrower facts: no row for read ${k + 1} of ${reads.length}`);
    return factsOf(row);
  });
}

function factsOf(row: FactsRow): BorrowerFacts {
  return {
    identity: row.id_number_bidx !== null && row.phone_bidx !== null && row.birth_date_enc !== null ? { idNumberBidx: row.id_number_bidx, phoneBidx: row.phone_bidx, birthDateEnc: row.birth_date_enc } : undefined,
    history: { priorApplications90d: Number(row.apps ?? 0), priorDeclines90d: Number(row.declines ?? 0), existingLoans: Number(row.approved ?? 0) },
    exposure: { outstandingPrincipalFen: BigInt(row.outstanding ?? 0), pendingFen: BigInt(row.pending ?? 0) },
  };
}
