import { applyBps } from '../../kernel/rate';
import { AppError } from '../../kernel/errors';
import type { BidContext } from './bid-context-repo';
import type { MarketplaceConfig, TierName } from './config';

export interface TierLimits {
  maxPerLoanFen: bigint;
  maxTotalFen: bigint;
  assetGuardFen?: bigint;
}

/**
 * The onboarding gates of a bid, in the order an investor meets them (items 1, 4, 15, 16):
 * real-name verification, not a related party, risk assessment, the current risk
 * acknowledgment, a grade the tier may buy, the listing's disclosures opened. An auto-invest
 * bid (`viaMandate`) meets the last gate through its mandate: the investor consented, when
 * creating it, to bids on listings matching its parameters whose disclosures are delivered to
 * them with the bid (GET /api/v1/me/bids links each listing's disclosures).
 */
export function checkBidGates(config: MarketplaceConfig, ctx: BidContext, listingId: string, options: { viaMandate?: boolean } = {}): TierLimits {
  if (!ctx.verified) throw new AppError('KYC_REQUIRED', 'complete real-name verification before investing', { gate: 'kyc' });
  if (ctx.relatedParty) throw new AppError('FORBIDDEN', 'the platform and its related parties may not lend through it (item 4)', { gate: 'related_party' });
  if (!ctx.profile) throw new AppError('ONBOARDING_REQUIRED', 'complete the risk assessment before your first bid', { gate: 'risk_assessment' });
  if (ctx.profile.acknowledgmentVersion !== config.riskAcknowledgmentVersion) {
    throw new AppError('ONBOARDING_REQUIRED', `acknowledge the current risk disclosure (version ${config.riskAcknowledgmentVersion}) before bidding`, {
      gate: 'risk_acknowledgment',
      version: config.riskAcknowledgmentVersion,
    });
  }
  if (!ctx.listing) throw new AppError('NOT_FOUND', `no listing ${listingId}`, { field: 'id' });
  const tier = config.tiers[ctx.profile.tier as TierName];
  if (!tier) throw new AppError('ONBOARDING_REQUIRED', 'your risk assessment is out of date; take it again', { gate: 'risk_assessment' });
  if (!tier.gradeLetters.includes(ctx.listing.grade.slice(0, 1))) {
    throw new AppError('BUSINESS_RULE', `your risk tier (${ctx.profile.tier}) may not buy grade ${ctx.listing.grade}`, { reason: 'TIER_GRADE', gate: 'tier' });
  }
  if (!ctx.openedDisclosures && !options.viaMandate) throw new AppError('ONBOARDING_REQUIRED', "open this listing's disclosures before bidding on it (item 16)", { gate: 'disclosures' });
  return {
    maxPerLoanFen: tier.maxPerLoanFen,
    maxTotalFen: tier.maxTotalFen,
    ...(ctx.profile.assetGuardEnabled ? { assetGuardFen: applyBps(ctx.profile.netInvestableAssetsFen, config.assetGuardShareBps) } : {}),
  };
}
