import { z } from 'zod';
import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { assertTextsClean } from './lint-listing-text';
import { getListing } from './listings-repo';
import { closeListingVoidingHolds } from './void-listing-holds';

export const cancelListingSchema = z.object({ reason: z.string().trim().min(2, 'reason is required').max(500) });

/** The borrower (or staff) withdraws an open listing; every hold is voided. */
export async function cancelListing(deps: { db: Db; clock: Clock }, actor: { id: string; staff: boolean }, listingId: string, raw: z.infer<typeof cancelListingSchema>) {
  const input = cancelListingSchema.parse(raw);
  assertTextsClean({ reason: input.reason });
  const listing = await getListing(deps.db, listingId);
  if (listing.borrowerId !== actor.id && !actor.staff) throw new AppError('NOT_FOUND', `no listing ${listingId}`);
  if (listing.status === 'cancelled') return { listingId, status: 'cancelled' as const, voidedBids: 0 };
  const result = await deps.db.transaction((tx) => closeListingVoidingHolds(tx, deps.clock, { listingId, to: 'cancelled', reason: input.reason, actorId: actor.id }));
  if (!result.closed) throw new AppError('CONFLICT', `listing ${listingId} is ${listing.status} and can no longer be cancelled`);
  return { listingId, status: 'cancelled' as const, voidedBids: result.voidedBids };
}
