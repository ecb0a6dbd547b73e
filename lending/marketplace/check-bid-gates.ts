import { applyBps } from '../../kernel/rate';
import { AppError } from '../../kernel/errors';
import type { MarketplaceConfig, TierName } from './config';

export interface TierLimits {
  maxPerLoanFen: bigint;
  maxTotalFen: bigint;
  assetGuardFen?: bigint;
}

/** What the onboarding gates of one bid look at (read for the whole batch by openBidBatch). */
export interface BidGateFacts {
  verified: boolean;
  relatedParty: boolean;
  profile: { tier: string; acknowledgmentVersion: string | null; netInvestableAssetsFen: bigint; assetGuardEnabled: boolean } | null;
  listing: { id: string; grade: string } | null;
  openedDisclosures: boolean;
}

/**
 * The onboarding gates of a bid, in the order an investor meets them (items 1, 4, 15, 16):
 * real-name verification, not a related party, risk assessment, the current risk
 * acknowledgment, a grade the tier may buy, the listing's disclosures opened. An auto-invest
 * bid (`viaMandate`) meets the last gate through its mandate: the investor consented, when
 * creating it, to bids on listings matching its parameters whose disclosures are delivered to
 * them with the bid (GET /api/v1/me/bids links each listing's disclosures).
 */
export function checkBidGates(config: MarketplaceConfig, facts: BidGateFacts, listingId: string, options: { viaMandate?: boolean } = {}): TierLimits {
  if (!facts.verified) throw new AppError('KYC_REQUIRED', 'complete real-name verification before investing', { gate: 'kyc' });
  if (facts.relatedParty) throw new AppError('FORBIDDEN', 'the platform and its related parties may not lend through it (item 4)', { gate: 'related_party' });
  if (!facts.profile) throw new AppError('ONBOARDING_REQUIRED', 'complete the risk assessment before your first bid', { gate: 'risk_assessment' });
  if (facts.profile.acknowledgmentVersion !== config.riskAcknowledgmentVersion) {
    throw new AppError('ONBOARDING_REQUIRED', `acknowledge the current risk disclosure (version ${config.riskAcknowledgmentVersion}) before bidding`, {
      gate: 'risk_acknowledgment',
      version: config.riskAcknowledgmentVersion,
    });
  }
  if (!facts.listing) throw new AppError('NOT_FOUND', `no listing ${listingId}`, { field: 'id' });
  const tier = config.tiers[facts.profile.tier as TierName];
  if (!tier) throw new AppError('ONBOARDING_REQUIRED', 'your risk assessment is out of date; take it again', { gate: 'risk_assessment' });
  if (!tier.gradeLetters.includes(facts.listing.grade.slice(0, 1))) {
    throw new AppError('BUSINESS_RULE', `your risk tier (${facts.profile.tier}) may not buy grade ${facts.listing.grade}`, { reason: 'TIER_GRADE', gate: 'tier' });
  }
  if (!facts.openedDisclosures && !options.viaMandate) throw new AppError('ONBOARDING_REQUIRED', "open this listing's disclosures before bidding on it (item 16)", { gate: 'disclosures' });
  return {
    maxPerLoanFen: tier.maxPerLoanFen,
    maxTotalFen: tier.maxTotalFen,
    ...(facts.profile.assetGuardEnabled ? { assetGuardFen: applyBps(facts.profile.netInvestableAssetsFen, config.assetGuardShareBps) } : {}),
  };
}
