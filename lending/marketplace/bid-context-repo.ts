import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { fundingFrozenSql } from '../../ledger';
import { executePrepared } from '../../db/execute-prepared';

/** Everything the bid gates need, read in one round trip (a bid is a hot path). */
export interface BidContext {
  verified: boolean;
  relatedParty: boolean;
  profile: { tier: string; acknowledgmentVersion: string | null; netInvestableAssetsFen: bigint; assetGuardEnabled: boolean } | null;
  listing: { id: string; status: string; grade: string; borrowerId: string; amountFen: bigint; fundedFen: bigint; closesOn: string } | null;
  openedDisclosures: boolean;
  /** A stored response for this Idempotency-Key, if the bid was already accepted. */
  stored: { requestHash: string; body: unknown } | null;
  /** Reconciliation has frozen new funding (REQUIREMENTS 21). */
  fundingFrozen: boolean;
  /** The investor's portfolio for the concentration warning (hand bids only; see investorExposureRowsSql). */
  exposure: { totalFen: bigint; listingFen: bigint; borrowerFen: bigint } | null;
}

/**
 * One round trip for everything a bid checks before its batch. `withExposure` adds the
 * investor's open holds (in total, on this listing, on its borrower) and outstanding principal,
 * the same figures as investorExposureRowsSql, for the concentration warning of a hand bid.
 */
export async function readBidContext(db: DbOrTx, investorId: string, listingId: string, idempotency: { scope: string; key: string }, options: { withExposure?: boolean } = {}): Promise<BidContext> {
  const exposure = options.withExposure
    ? sql`(SELECT json_build_object(
          'held', coalesce(sum(b.amount_fen), 0)::text,
          'listing', coalesce(sum(b.amount_fen) FILTER (WHERE b.listing_id = ${listingId}), 0)::text,
          'borrower', coalesce(sum(b.amount_fen) FILTER (WHERE b.borrower_id = (SELECT borrower_id FROM listings WHERE id = ${listingId})), 0)::text,
          'outstanding', (SELECT coalesce(sum(outstanding_principal_fen), 0)::text FROM loan_holdings WHERE investor_id = ${investorId}))
         FROM bids b WHERE b.investor_id = ${investorId} AND b.status = 'held')`
    : sql`NULL::json`;
  // Prepared (see executePrepared): this runs once per bid, and planning it cost more than running it.
  const result = await executePrepared(db, sql`
    SELECT
      EXISTS (SELECT 1 FROM identities WHERE user_id = ${investorId} AND status = 'verified') AS verified,
      EXISTS (SELECT 1 FROM related_parties WHERE user_id = ${investorId}) AS related,
      EXISTS (SELECT 1 FROM disclosure_openings WHERE listing_id = ${listingId} AND investor_id = ${investorId}) AS opened,
      (SELECT row_to_json(p) FROM (SELECT tier, acknowledgment_version, net_investable_assets_fen::text AS assets, asset_guard_enabled
         FROM investor_profiles WHERE user_id = ${investorId}) p) AS profile,
      (SELECT row_to_json(l) FROM (SELECT id, status, grade, borrower_id, amount_fen::text AS amount, funded_fen::text AS funded, closes_on::text AS closes_on
         FROM listings WHERE id = ${listingId}) l) AS listing,
      (SELECT json_build_object('hash', request_hash, 'body', response_body) FROM idempotency_keys
         WHERE scope = ${idempotency.scope} AND key = ${idempotency.key} AND response_body IS NOT NULL) AS stored,
      ${fundingFrozenSql()} AS frozen,
      ${exposure} AS exposure`);
  const row = result.rows[0] as {
    verified: boolean;
    related: boolean;
    opened: boolean;
    profile: { tier: string; acknowledgment_version: string | null; assets: string; asset_guard_enabled: boolean } | null;
    listing: { id: string; status: string; grade: string; borrower_id: string; amount: string; funded: string; closes_on: string } | null;
    stored: { hash: string; body: unknown } | null;
    frozen: boolean;
    exposure: { held: string; listing: string; borrower: string; outstanding: string } | null;
  };
  return {
    verified: row.verified,
    relatedParty: row.related,
    openedDisclosures: row.opened,
    stored: row.stored ? { requestHash: row.stored.hash, body: row.stored.body } : null,
    fundingFrozen: row.frozen,
    exposure: row.exposure
      ? { totalFen: BigInt(row.exposure.held) + BigInt(row.exposure.outstanding), listingFen: BigInt(row.exposure.listing), borrowerFen: BigInt(row.exposure.borrower) }
      : null,
    profile: row.profile
      ? { tier: row.profile.tier, acknowledgmentVersion: row.profile.acknowledgment_version, netInvestableAssetsFen: BigInt(row.profile.assets), assetGuardEnabled: row.profile.asset_guard_enabled }
      : null,
    listing: row.listing
      ? { id: row.listing.id, status: row.listing.status, grade: row.listing.grade, borrowerId: row.listing.borrower_id, amountFen: BigInt(row.listing.amount), fundedFen: BigInt(row.listing.funded), closesOn: row.listing.closes_on }
      : null,
  };
}
