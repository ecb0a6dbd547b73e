import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { executePrepared } from '../../db/execute-prepared';
import { claimKeysSql } from '../../db/idempotency';
import { fundingFrozenSql } from '../../ledger';

export interface ListingSnapshot {
  id: string;
  status: string;
  grade: string;
  borrowerId: string;
  amountFen: bigint;
  fundedFen: bigint;
}

export interface InvestorGateFacts {
  verified: boolean;
  relatedParty: boolean;
  profile: { tier: string; acknowledgmentVersion: string | null; netInvestableAssetsFen: bigint; assetGuardEnabled: boolean } | null;
}

export interface BatchReading {
  /**
   * `scope \u0000 key` → row address (ctid) of the keys this batch now owns. The batch writes or
   * deletes each row by its address: stable, since no one else can touch a row this transaction
   * inserted, and a TID lookup whatever plan the statement caches (a generic plan made while the
   * table was small once seq-scanned 26,000 keys per batch to update a handful).
   */
  claimed: Map<string, string>;
  /** The batch's listings, read without locks. */
  listings: Map<string, ListingSnapshot>;
  /** Every bidding investor's onboarding facts (a missing user reads as unverified). */
  investors: Map<string, InvestorGateFacts>;
  /** `investorId \u0000 listingId` of the pairs whose disclosures the investor has opened. */
  opened: Set<string>;
  /** Reconciliation has frozen new funding (REQUIREMENTS 21). */
  fundingFrozen: boolean;
}

/**
 * ONE statement at the start of a bid batch: claims the bids' Idempotency-Keys (a key already
 * present is not claimed: a retry or a request still running) and reads, without locks,
 * everything the onboarding gates look at for every bid of the batch: the listings, the
 * investors' verification, related-party flag and risk profile, the disclosures opened, and
 * the funding freeze. One statement per batch instead of one read per bid: the bid path's
 * largest saving of round trips. Nothing read here is used for money: amounts and balances
 * are read again under lock (lockBidBatch).
 */
export async function claimKeysAndReadBatch(
  tx: DbOrTx,
  keys: ReadonlyArray<{ scope: string; key: string; requestHash: string; createdAt: Date }>,
  pairs: ReadonlyArray<{ investorId: string; listingId: string }>,
): Promise<BatchReading> {
  const claim = keys.length > 0 ? sql`${claimKeysSql(keys)}, ctid` : sql`SELECT NULL::text AS scope, NULL::text AS key, NULL::tid AS ctid WHERE false`;
  const distinctPairs = [...new Map(pairs.map((p) => [`${p.investorId}\u0000${p.listingId}`, p])).values()];
  const investorIds = [...new Set(pairs.map((p) => p.investorId))];
  const listingIds = [...new Set(pairs.map((p) => p.listingId))];
  const result = await executePrepared<{
    claimed: Array<[string, string, string]> | null;
    listings: Array<{ id: string; status: string; grade: string; borrower_id: string; amount: string; funded: string }> | null;
    investors: Array<{ id: string; verified: boolean; related: boolean; profile: { tier: string; ack: string | null; assets: string; guard: boolean } | null }> | null;
    opened: Array<[string, string]> | null;
    frozen: boolean;
  }>(
    tx,
    sql`WITH claimed AS (${claim})
      SELECT (SELECT json_agg(json_build_array(scope, key, ctid::text)) FROM claimed) AS claimed,
        (SELECT json_agg(json_build_object('id', id, 'status', status, 'grade', grade, 'borrower_id', borrower_id, 'amount', amount_fen::text, 'funded', funded_fen::text))
           FROM listings WHERE id = ANY(${sql.param(listingIds)}::text[])) AS listings,
        (SELECT json_agg(json_build_object(
                  'id', u.id,
                  'verified', EXISTS (SELECT 1 FROM identities i WHERE i.user_id = u.id AND i.status = 'verified'),
                  'related', EXISTS (SELECT 1 FROM related_parties r WHERE r.user_id = u.id),
                  'profile', (SELECT json_build_object('tier', p.tier, 'ack', p.acknowledgment_version, 'assets', p.net_investable_assets_fen::text, 'guard', p.asset_guard_enabled)
                                FROM investor_profiles p WHERE p.user_id = u.id)))
           FROM unnest(${sql.param(investorIds)}::text[]) AS u(id)) AS investors,
        (SELECT json_agg(json_build_array(d.investor_id, d.listing_id))
           FROM unnest(${sql.param(distinctPairs.map((p) => p.investorId))}::text[], ${sql.param(distinctPairs.map((p) => p.listingId))}::text[]) AS q(investor_id, listing_id)
           JOIN disclosure_openings d ON d.listing_id = q.listing_id AND d.investor_id = q.investor_id) AS opened,
        ${fundingFrozenSql()} AS frozen`,
  );
  const row = result.rows[0]!;
  return {
    claimed: new Map((row.claimed ?? []).map(([scope, key, ctid]) => [`${scope}\u0000${key}`, ctid])),
    listings: new Map(
      (row.listings ?? []).map((l) => [l.id, { id: l.id, status: l.status, grade: l.grade, borrowerId: l.borrower_id, amountFen: BigInt(l.amount), fundedFen: BigInt(l.funded) }]),
    ),
    investors: new Map(
      (row.investors ?? []).map((i) => [
        i.id,
        {
          verified: i.verified,
          relatedParty: i.related,
          profile: i.profile ? { tier: i.profile.tier, acknowledgmentVersion: i.profile.ack, netInvestableAssetsFen: BigInt(i.profile.assets), assetGuardEnabled: i.profile.guard } : null,
        },
      ]),
    ),
    opened: new Set((row.opened ?? []).map(([investorId, listingId]) => `${investorId}\u0000${listingId}`)),
    fundingFrozen: row.frozen,
  };
}
