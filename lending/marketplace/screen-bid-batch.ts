import { AppError, isAppError } from '../../kernel/errors';
import { fundingFrozenError } from '../../ledger';
import type { OpenedBidBatch } from './open-bid-batch';
import { checkBidGates, type TierLimits } from './check-bid-gates';
import type { MarketplaceConfig } from './config';

/**
 * The checks a bid meets before its amount is planned, for a whole batch, in the order one bid meets them:
 * the funding freeze (REQUIREMENTS 21: while the ledger and the custodian disagree, no new money
 * is committed), the onboarding gates, not the investor's own listing. A listing closed or fully
 * funded is planBids' first refusal (it sees the locked state and the batch's earlier bids).
 * Fills `outcomes` for the bids it refuses
 * (bids already answered, e.g. replays, are skipped) and returns the tier limits of each
 * investor whose bids go on.
 */
export function screenBidBatch(
  config: MarketplaceConfig,
  batch: ReadonlyArray<{ listingId: string; investorId: string; source: 'manual' | 'auto' }>,
  reading: OpenedBidBatch,
  outcomes: Array<{ ok: boolean } | undefined>,
): Map<string, TierLimits> {
  const limits = new Map<string, TierLimits>();
  batch.forEach((b, i) => {
    if (outcomes[i]) return;
    const refuse = (error: AppError) => {
      const refusal: { ok: false; error: AppError } = { ok: false, error };
      outcomes[i] = refusal;
    };
    if (reading.fundingFrozen) return refuse(fundingFrozenError());
    const listing = reading.listings.get(b.listingId);
    const investor = reading.investors.get(b.investorId) ?? { verified: false, relatedParty: false, profile: null };
    let tierLimits: TierLimits;
    try {
      // Named fields, not `{ ...investor, … }` (ARCHITECTURE.md, "Hot paths").
      const facts = { verified: investor.verified, relatedParty: investor.relatedParty, profile: investor.profile, listing: listing ?? null, openedDisclosures: reading.opened.has(`${b.investorId}\u0000${b.listingId}`) };
      tierLimits = checkBidGates(config, facts, b.listingId, { viaMandate: b.source === 'auto' });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return refuse(error);
    }
    if (listing!.borrowerId === b.investorId) return refuse(new AppError('BUSINESS_RULE', 'you cannot bid on your own listing', { reason: 'OWN_LISTING' }));
    limits.set(b.investorId, tierLimits);
  });
  return limits;
}
