import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { listings } from '../../db/schema';
import { parseIsoDate } from '../../kernel/calendar';
import type { Clock } from '../../kernel/clock';
import { closeListingVoidingHolds } from './void-listing-holds';

/**
 * Daily (item 12): every open listing whose fundraising window ended before `businessDate`
 * expires and its holds are voided. Safe to run twice: closed listings are skipped. One
 * transaction per listing, so one failure does not hold back the others.
 */
export async function expireListings(deps: { db: Db; clock: Clock }, businessDate: string): Promise<{ expired: string[]; voidedBids: number }> {
  parseIsoDate(businessDate);
  const due = await deps.db
    .select({ id: listings.id })
    .from(listings)
    .where(and(eq(listings.status, 'open'), lt(listings.closesOn, businessDate)))
    .orderBy(asc(listings.id));
  const expired: string[] = [];
  let voidedBids = 0;
  for (const { id } of due) {
    const result = await deps.db.transaction((tx) => closeListingVoidingHolds(tx, deps.clock, { listingId: id, to: 'expired', reason: `fundraising window ended before ${businessDate}`, actorId: null }));
    if (result.closed) {
      expired.push(id);
      voidedBids += result.voidedBids;
    }
  }
  return { expired, voidedBids };
}
