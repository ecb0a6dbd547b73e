import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { executePrepared } from '../../db/execute-prepared';
import { claimKeysSql } from '../../db/idempotency';

export interface ListingSnapshot {
  id: string;
  status: string;
  amountFen: bigint;
  fundedFen: bigint;
}

/**
 * ONE statement at the start of a bid batch: claims the bids' Idempotency-Keys (a key already
 * present is not claimed: a retry or a request still running) and reads the batch's listings
 * without locks. `claimed` holds `scope \u0000 key` of the keys this batch now owns.
 */
export async function claimKeysAndReadListings(
  tx: DbOrTx,
  keys: ReadonlyArray<{ scope: string; key: string; requestHash: string; createdAt: Date }>,
  listingIds: string[],
): Promise<{ claimed: Set<string>; snapshot: ListingSnapshot[] }> {
  const claim = keys.length > 0 ? claimKeysSql(keys) : sql`SELECT NULL::text AS scope, NULL::text AS key WHERE false`;
  const result = await executePrepared<{ claimed: Array<[string, string]> | null; listings: Array<{ id: string; status: string; amount: string; funded: string }> | null }>(
    tx,
    sql`WITH claimed AS (${claim})
      SELECT (SELECT json_agg(json_build_array(scope, key)) FROM claimed) AS claimed,
        (SELECT json_agg(json_build_object('id', id, 'status', status, 'amount', amount_fen::text, 'funded', funded_fen::text))
           FROM listings WHERE id = ANY(${sql.param(listingIds)}::text[])) AS listings`,
  );
  const row = result.rows[0]!;
  return {
    claimed: new Set((row.claimed ?? []).map(([scope, key]) => `${scope}\u0000${key}`)),
    snapshot: (row.listings ?? []).map((l) => ({ id: l.id, status: l.status, amountFen: BigInt(l.amount), fundedFen: BigInt(l.funded) })),
  };
}
