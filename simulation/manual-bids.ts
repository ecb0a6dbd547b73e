import type { Rng } from '../models/core/rng';
import { mapBounded } from './bounded-pool';
import { browseOpenListings, openDisclosures, placeManualBid, type InvestorState } from './investor-actions';
import type { World } from './world';

/** Share of investors who look at the marketplace on a given day. */
const DAILY_VISIT_RATE = 0.3;

/**
 * The hand investors' afternoon: those visiting today look at the open listings (all at the
 * same moment, so they see the same page), each picks one and opens its disclosures, then the
 * bids go in one by one in investor order — a bid's fill depends on the bids before it, so the
 * order is fixed, never the order in which concurrent calls happen to finish.
 */
export async function manualBidsDay(world: World, investors: readonly InvestorState[], input: { rng: Rng; day: number; concurrency: number }): Promise<number> {
  const visiting = investors.filter(() => input.rng() < DAILY_VISIT_RATE).filter((inv) => inv.onboarded && !inv.sim.mandate);
  const pages = await mapBounded(visiting, input.concurrency, (inv) => browseOpenListings(world, inv));
  const picks = visiting.flatMap((inv, i) => {
    const ids = pages[i]!;
    return ids.length === 0 ? [] : [{ inv, listingId: ids[Math.floor(input.rng() * ids.length)]! }];
  });
  await mapBounded(picks, input.concurrency, ({ inv, listingId }) => openDisclosures(world, inv, listingId));
  for (const { inv, listingId } of picks) await placeManualBid(world, inv, listingId, input.day);
  return picks.length;
}
