import { z } from 'zod';
import type { Db } from '../../db/client';
import { hashCanonical } from '../../kernel/canonical-json';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { parseYuan } from '../../kernel/money';
import type { MarketplaceConfig } from './config';
import { submitBid, type SubmitBidResult } from './submit-bid';

export const placeBidBodySchema = z.object({
  amount: z.string().min(1, 'amount is required (yuan, e.g. "100.00")'),
  /** The investor has seen the concentration warning and bids anyway (item: diversification). */
  acceptConcentrationRisk: z.boolean().optional(),
});

export interface PlaceBidInput {
  investorId: string;
  listingId: string;
  amount: string;
  acceptConcentrationRisk?: boolean;
  idempotencyKey: string;
}

export type PlaceBidResult = SubmitBidResult;

/**
 * A hand-placed bid: the amount (yuan string, at least the minimum bid) and the investor's
 * Idempotency-Key, then the shared bid path (gates, concentration warning, batched hold).
 */
export async function placeBid(deps: { db: Db; clock: Clock; marketplace: MarketplaceConfig }, input: PlaceBidInput): Promise<PlaceBidResult> {
  const requestedFen = parseYuan(input.amount, { field: 'amount' });
  if (requestedFen < deps.marketplace.minBidFen) {
    throw new AppError('VALIDATION', `amount must be at least ${deps.marketplace.minBidFen / 100n} CNY`, { field: 'amount' });
  }
  if (!/^[\w.:-]{8,128}$/.test(input.idempotencyKey)) {
    throw new AppError('VALIDATION', 'Idempotency-Key must be 8–128 characters of letters, digits, "-", "_", ".", ":"', { field: 'Idempotency-Key' });
  }
  const idempotency = {
    scope: `bid:${input.investorId}`,
    key: input.idempotencyKey,
    requestHash: hashCanonical({ listingId: input.listingId, amountFen: requestedFen }),
  };
  return submitBid(deps, {
    investorId: input.investorId,
    listingId: input.listingId,
    requestedFen,
    source: 'manual',
    idempotency,
    ...(input.acceptConcentrationRisk ? { acceptConcentrationRisk: true } : {}),
  });
}
