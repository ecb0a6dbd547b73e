import type { Db } from '../../db/client';
import { disclosureOpenings } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { getListing } from './listings-repo';

/**
 * Item 16: returns a listing's disclosures and records that the investor opened them (the
 * first opening is kept, with the hash of what was shown).
 */
export async function openDisclosures(deps: { db: Db; clock: Clock }, investorId: string, listingId: string) {
  const listing = await getListing(deps.db, listingId);
  await deps.db
    .insert(disclosureOpenings)
    .values({ listingId, investorId, disclosuresHash: listing.disclosuresHash, openedAt: deps.clock.now() })
    .onConflictDoNothing();
  return { listingId, disclosures: listing.disclosures, disclosuresHash: listing.disclosuresHash };
}
