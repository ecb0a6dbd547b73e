import { AppError } from '../../kernel/errors';
import type { MarketplaceConfig } from './config';
import { concentrationWarnings } from './concentration-warnings';
import type { InvestorExposure } from './investors-repo';

/**
 * Pure funding policy for a batch of bids, applied in arrival order against the state read
 * under lock. It decides each bid's accepted amount or the reason it is refused, and keeps
 * the running state (funded amount, investor funds and exposure) so later bids in the same
 * batch see earlier ones. Nothing here can fund more than the listing's amount.
 */
export interface PlanListing {
  id: string;
  status: string;
  amountFen: bigint;
  fundedFen: bigint;
  closesOn: string;
  borrowerId: string;
}

export interface PlanInvestor {
  availableFen: bigint;
  exposure: InvestorExposure;
  maxPerLoanFen: bigint;
  maxTotalFen: bigint;
  /** Present when the investor opted into the net-investable-assets guard. */
  assetGuardFen?: bigint;
}

export interface PlanRequest {
  listingId: string;
  investorId: string;
  requestedFen: bigint;
  /** A hand bid not yet confirmed past the concentration warning. */
  warnOnConcentration?: boolean;
}

type PlanConfig = Pick<MarketplaceConfig, 'lastBid' | 'diversificationWarnShareBps' | 'diversificationMinPortfolioFen'>;

export type PlanOutcome = { ok: true; amountFen: bigint } | { ok: false; error: AppError };

export function planBids(
  config: PlanConfig,
  today: string,
  listings: Map<string, PlanListing>,
  investors: Map<string, PlanInvestor>,
  requests: readonly PlanRequest[],
): PlanOutcome[] {
  return requests.map((request) => {
    const outcome = planOne(config, today, listings.get(request.listingId), investors.get(request.investorId), request);
    if (outcome.ok) {
      const listing = listings.get(request.listingId)!;
      const investor = investors.get(request.investorId)!;
      listing.fundedFen += outcome.amountFen;
      investor.availableFen -= outcome.amountFen;
      investor.exposure.totalFen += outcome.amountFen;
      investor.exposure.byListingFen.set(listing.id, (investor.exposure.byListingFen.get(listing.id) ?? 0n) + outcome.amountFen);
      investor.exposure.byBorrowerFen.set(listing.borrowerId, (investor.exposure.byBorrowerFen.get(listing.borrowerId) ?? 0n) + outcome.amountFen);
    }
    return outcome;
  });
}

function refuse(code: 'BUSINESS_RULE' | 'INSUFFICIENT_FUNDS' | 'NOT_FOUND', message: string, details: Record<string, unknown> = {}): PlanOutcome {
  return { ok: false, error: new AppError(code, message, details) };
}

function planOne(config: PlanConfig, today: string, listing: PlanListing | undefined, investor: PlanInvestor | undefined, request: PlanRequest): PlanOutcome {
  if (!listing) return refuse('NOT_FOUND', `no listing ${request.listingId}`);
  const remaining = listing.amountFen - listing.fundedFen;
  if (listing.status === 'funded' || (listing.status === 'open' && remaining <= 0n)) return refuse('BUSINESS_RULE', `listing ${listing.id} is fully funded`, { reason: 'FULLY_FUNDED' });
  if (listing.status !== 'open' || today > listing.closesOn) return refuse('BUSINESS_RULE', `listing ${listing.id} is not open for bids (${listing.status})`, { reason: 'LISTING_NOT_OPEN' });
  if (!investor) return refuse('INSUFFICIENT_FUNDS', 'the investor has no custody sub-account yet; deposit first');
  let amountFen = request.requestedFen;
  if (amountFen > remaining) {
    if (config.lastBid === 'refuse') return refuse('BUSINESS_RULE', `only ${remaining} fen is left on this listing`, { reason: 'EXCEEDS_AMOUNT_LEFT', amountLeftFen: remaining.toString() });
    amountFen = remaining;
  }
  const onLoan = investor.exposure.byListingFen.get(listing.id) ?? 0n;
  if (onLoan + amountFen > investor.maxPerLoanFen) {
    return refuse('BUSINESS_RULE', `your risk tier allows at most ${investor.maxPerLoanFen} fen per loan`, { reason: 'TIER_PER_LOAN', limitFen: investor.maxPerLoanFen.toString() });
  }
  if (investor.exposure.totalFen + amountFen > investor.maxTotalFen) {
    return refuse('BUSINESS_RULE', `your risk tier allows at most ${investor.maxTotalFen} fen in total`, { reason: 'TIER_TOTAL', limitFen: investor.maxTotalFen.toString() });
  }
  if (investor.assetGuardFen !== undefined && investor.exposure.totalFen + amountFen > investor.assetGuardFen) {
    return refuse('BUSINESS_RULE', `this bid would put more than your chosen share of net investable assets at risk`, { reason: 'ASSET_GUARD', limitFen: investor.assetGuardFen.toString() });
  }
  if (investor.availableFen < amountFen) return refuse('INSUFFICIENT_FUNDS', `available balance ${investor.availableFen} fen is less than ${amountFen} fen`);
  // Last: the warning is about a bid that would otherwise go in, judged on the exact portfolio
  // (read under lock, with the batch's earlier bids) and the amount that would be accepted.
  if (request.warnOnConcentration) {
    const exposure = { totalFen: investor.exposure.totalFen, listingFen: onLoan, borrowerFen: investor.exposure.byBorrowerFen.get(listing.borrowerId) ?? 0n };
    const warnings = concentrationWarnings(config, exposure, amountFen);
    if (warnings.length > 0) {
      return refuse('BUSINESS_RULE', `${warnings.map((w) => w.message).join('; ')}; send acceptConcentrationRisk: true to bid anyway`, { reason: 'CONCENTRATION_WARNING', warnings });
    }
  }
  return { ok: true, amountFen };
}
