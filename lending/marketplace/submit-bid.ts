import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { fundingFrozenError } from '../../ledger';
import { newId } from '../../kernel/ids';
import type { AcceptedBid } from './apply-bid-batch';
import { readBidContext } from './bid-context-repo';
import { bidBatcherFor } from './bid-batcher';
import { checkBidGates } from './check-bid-gates';
import type { MarketplaceConfig } from './config';
import { concentrationWarnings, type ConcentrationWarning } from './concentration-warnings';

export interface SubmitBidInput {
  investorId: string;
  listingId: string;
  requestedFen: bigint;
  source: 'manual' | 'auto';
  mandateId?: string;
  idempotency: { scope: string; key: string; requestHash: string };
  /** Hand bids: the investor saw the concentration warning and bids anyway. */
  acceptConcentrationRisk?: boolean;
}

export interface SubmitBidResult {
  bid: AcceptedBid;
  replayed: boolean;
  warnings: ConcentrationWarning[];
}

/**
 * The one path every bid takes, by hand or through a mandate: a replay check, the onboarding
 * gates, the concentration warning (hand bids only: a mandate has its own per-borrower cap),
 * then the hold through the bid batcher, which decides the amount under the listing's lock.
 */
export async function submitBid(deps: { db: Db; clock: Clock; marketplace: MarketplaceConfig }, input: SubmitBidInput): Promise<SubmitBidResult> {
  const viaMandate = input.source === 'auto';
  const warnable = !viaMandate && !input.acceptConcentrationRisk;
  const ctx = await readBidContext(deps.db, input.investorId, input.listingId, input.idempotency, { withExposure: warnable });
  // A replay returns the first result even if the gates would now say otherwise (e.g. fully funded).
  if (ctx.stored) {
    if (ctx.stored.requestHash !== input.idempotency.requestHash) throw new AppError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was already used with a different request');
    return { bid: ctx.stored.body as AcceptedBid, replayed: true, warnings: [] };
  }
  // REQUIREMENTS 21: while the ledger and the custodian disagree, no new money is committed.
  if (ctx.fundingFrozen) throw fundingFrozenError();
  const limits = checkBidGates(deps.marketplace, ctx, input.listingId, { viaMandate });
  if (ctx.listing!.borrowerId === input.investorId) throw new AppError('BUSINESS_RULE', 'you cannot bid on your own listing', { reason: 'OWN_LISTING' });
  const warnings = warnable && ctx.exposure ? concentrationWarnings(deps.marketplace, ctx.exposure, input.requestedFen) : [];
  if (warnings.length > 0) {
    throw new AppError('BUSINESS_RULE', `${warnings.map((w) => w.message).join('; ')}; send acceptConcentrationRisk: true to bid anyway`, {
      reason: 'CONCENTRATION_WARNING',
      warnings,
    });
  }
  const outcome = await bidBatcherFor(deps).submit({
    bidId: newId('bid', deps.clock),
    listingId: input.listingId,
    investorId: input.investorId,
    requestedFen: input.requestedFen,
    source: input.source,
    ...(input.mandateId ? { mandateId: input.mandateId } : {}),
    limits,
    idempotency: input.idempotency,
  });
  if (!outcome.ok) throw outcome.error;
  return { bid: outcome.bid, replayed: outcome.replayed, warnings };
}
