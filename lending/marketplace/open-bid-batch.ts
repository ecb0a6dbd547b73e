import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { executePrepared } from '../../db/execute-prepared';
import { claimKeysSql } from '../../db/idempotency';
import { fundingFrozenSql } from '../../ledger';
import { foldInvestorExposure, investorExposureRowsSql, type InvestorExposure, type InvestorExposureRow } from './investors-repo';
import type { PlanListing } from './plan-bids';

export interface InvestorGateFacts {
  verified: boolean;
  relatedParty: boolean;
  profile: { tier: string; acknowledgmentVersion: string | null; netInvestableAssetsFen: bigint; assetGuardEnabled: boolean } | null;
}

export interface OpenedBidBatch {
  /**
   * `scope \u0000 key` → row address (ctid) of the keys this batch now owns. The batch writes or
   * deletes each row by its address: stable, since no one else can touch a row this transaction
   * inserted, and a TID lookup whatever plan the statement caches (a generic plan made while the
   * table was small once seq-scanned 26,000 keys per batch to update a handful).
   */
  claimed: Map<string, string>;
  /** Every bidding investor's onboarding facts (a missing user reads as unverified). */
  investors: Map<string, InvestorGateFacts>;
  /** `investorId \u0000 listingId` of the pairs whose disclosures the investor has opened. */
  opened: Set<string>;
  /** Reconciliation has frozen new funding (REQUIREMENTS 21). */
  fundingFrozen: boolean;
  /** The batch's listings, locked. */
  listings: Map<string, PlanListing & { grade: string }>;
  /** Available balance (credits − debits − pending) of each investor's `available` account, locked. */
  availableFen: Map<string, bigint>;
  /** Each investor's exposure, read after the locks (exact until commit). */
  exposure: Map<string, InvestorExposure>;
}

/**
 * ONE statement opens a bid batch. In select-list order (a statement's scalar subqueries run
 * in that order, which is what keeps the global lock order: listings, then accounts):
 *  1. claims the bids' Idempotency-Keys (a key already present is not claimed: a retry, or a
 *     request still running);
 *  2. reads what the onboarding gates look at: the investors' verification, related-party flag
 *     and risk profile, the disclosures opened, the funding freeze;
 *  3. locks the listings (by id), then the investors' available accounts (by id), FOR UPDATE;
 *  4. reads the investors' exposure through a function that takes a fresh snapshot, so bids
 *     committed while this statement waited for a lock count.
 * A round trip saved is a wait saved for every bid of the batch (each also waits for the event
 * loop); one statement per batch replaced a read per bid plus two per batch.
 */
export async function openBidBatch(
  tx: DbOrTx,
  keys: ReadonlyArray<{ scope: string; key: string; requestHash: string; createdAt: Date }>,
  pairs: ReadonlyArray<{ investorId: string; listingId: string }>,
): Promise<OpenedBidBatch> {
  const claim = keys.length > 0 ? sql`${claimKeysSql(keys)}, ctid` : sql`SELECT NULL::text AS scope, NULL::text AS key, NULL::tid AS ctid WHERE false`;
  const distinctPairs = [...new Map(pairs.map((p) => [`${p.investorId}\u0000${p.listingId}`, p])).values()];
  const investorIds = [...new Set(pairs.map((p) => p.investorId))].sort();
  const listingIds = [...new Set(pairs.map((p) => p.listingId))].sort();
  const result = await executePrepared<{
    claimed: Array<[string, string, string]> | null;
    investors: Array<{ id: string; verified: boolean; related: boolean; profile: { tier: string; ack: string | null; assets: string; guard: boolean } | null }> | null;
    opened: Array<[string, string]> | null;
    frozen: boolean;
    listings: Array<{ id: string; status: string; grade: string; borrower_id: string; amount: string; funded: string; closes_on: string }> | null;
    accounts: Array<{ owner_id: string; available: string }> | null;
    exposure: InvestorExposureRow[] | null;
  }>(
    tx,
    sql`WITH claimed AS (${claim})
      SELECT (SELECT json_agg(json_build_array(scope, key, ctid::text)) FROM claimed) AS claimed,
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
        ${fundingFrozenSql()} AS frozen,
        (SELECT json_agg(l ORDER BY l.id) FROM (SELECT id, status, grade, borrower_id, amount_fen::text AS amount, funded_fen::text AS funded, closes_on::text AS closes_on
           FROM listings WHERE id = ANY(${sql.param(listingIds)}::text[]) ORDER BY id FOR UPDATE) l) AS listings,
        (SELECT json_agg(a ORDER BY a.id) FROM (SELECT id, owner_id, (credits_posted_fen - debits_posted_fen - debits_pending_fen)::text AS available
           FROM ledger_accounts WHERE owner_kind = 'user' AND purpose = 'available' AND owner_id = ANY(${sql.param(investorIds)}::text[]) ORDER BY id FOR UPDATE) a) AS accounts,
        (SELECT json_agg(json_build_object('investor_id', e.investor_id, 'listing_id', e.listing_id, 'borrower_id', e.borrower_id, 'fen', e.fen::text))
           FROM (${investorExposureRowsSql(investorIds)}) e) AS exposure`,
  );
  const row = result.rows[0]!;
  return {
    claimed: new Map((row.claimed ?? []).map(([scope, key, ctid]) => [`${scope}\u0000${key}`, ctid])),
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
    listings: new Map(
      (row.listings ?? []).map((l) => [l.id, { id: l.id, status: l.status, grade: l.grade, borrowerId: l.borrower_id, amountFen: BigInt(l.amount), fundedFen: BigInt(l.funded), closesOn: l.closes_on }]),
    ),
    availableFen: new Map((row.accounts ?? []).map((a) => [a.owner_id, BigInt(a.available)])),
    exposure: foldInvestorExposure(investorIds, row.exposure ?? []),
  };
}
