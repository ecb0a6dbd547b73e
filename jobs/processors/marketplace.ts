import { chinaDate } from '../../kernel/calendar';
import { disburseListing } from '../../lending/marketplace/disburse-listing';
import { expireListings } from '../../lending/marketplace/expire-listings';
import { marketplaceConfig } from '../../lending/marketplace/config';
import { payInvitationRewards } from '../../lending/marketplace/pay-invitation-rewards';
import { runAutoInvest } from '../../lending/marketplace/run-auto-invest';
import { generateContract } from '../../lending/marketplace/generate-contract';
import type { ProcessorDeps } from '../idempotent-processor';
import { recordedProcessor } from '../recorded-processor';

/** Business keys equal the outbox dedupe keys written by lending/marketplace. */
export function fundingProcessor(deps: ProcessorDeps & { signingSeed: string }) {
  return recordedProcessor('funding', deps, (p) => `funded:${p.listingId}`, (p) => generateContract(deps, p));
}

export function disbursementProcessor(deps: ProcessorDeps) {
  return recordedProcessor('disbursement', deps, (p) => `disburse:${p.listingId}`, (p) => disburseListing(deps, p));
}

/** Daily: listings whose fundraising window closed are expired and their holds voided. */
export function expiryProcessor(deps: ProcessorDeps) {
  const dateOf = (p: { businessDate?: string }) => p.businessDate ?? chinaDate(deps.clock.now());
  return recordedProcessor('listing-expiry', deps, (p) => `expiry:${dateOf(p)}`, (p) => expireListings(deps, dateOf(p)));
}



/** A listing opened: serve the auto-invest mandates in their documented order (once per listing). */
export function autoInvestProcessor(deps: ProcessorDeps) {
  const marketplace = marketplaceConfig();
  return recordedProcessor('auto-invest', deps, (p) => `auto-invest:${p.listingId}`, (p) => runAutoInvest({ ...deps, marketplace }, p));
}

/** A disbursement happened: pay the inviters of first-time participants from the marketing account. */
export function invitationRewardsProcessor(deps: ProcessorDeps) {
  return recordedProcessor('invitation-rewards', deps, (p) => `invitation-rewards:${p.listingId}`, (p) => payInvitationRewards(deps, p));
}
