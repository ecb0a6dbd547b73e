import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import type { AcceptedBid } from './apply-bid-batch';
import { bidBatcherFor } from './bid-batcher';
import type { MarketplaceConfig } from './config';
import type { ConcentrationWarning } from './concentration-warnings';

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
  /** Always empty for an accepted bid: a warning refuses the bid until the investor accepts it. */
  warnings: ConcentrationWarning[];
}

/**
 * The one path every bid takes, by hand or through a mandate: the bid batcher checks, in one
 * transaction with its neighbours, the replay, the funding freeze, the onboarding gates, the
 * concentration warning (hand bids only: a mandate has its own per-borrower cap), then decides
 * the amount under the listing's lock and places the hold.
 */
export async function submitBid(deps: { db: Db; clock: Clock; marketplace: MarketplaceConfig }, input: SubmitBidInput): Promise<SubmitBidResult> {
  const outcome = await bidBatcherFor(deps).submit({
    bidId: newId('bid', deps.clock),
    listingId: input.listingId,
    investorId: input.investorId,
    requestedFen: input.requestedFen,
    source: input.source,
    ...(input.mandateId ? { mandateId: input.mandateId } : {}),
    ...(input.source === 'manual' && !input.acceptConcentrationRisk ? { warnOnConcentration: true } : {}),
    idempotency: input.idempotency,
  });
  if (!outcome.ok) throw outcome.error;
  return { bid: outcome.bid, replayed: outcome.replayed, warnings: [] };
}
