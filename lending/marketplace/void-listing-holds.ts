import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../db/audit/append-audit';
import type { Tx } from '../../db/client';
import { bids, listings } from '../../db/schema';
import { hashCanonical } from '../../kernel/canonical-json';
import type { Clock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { executeWireBatch, type WireTransfer } from '../../ledger';
import { assertTransition } from './listing-state';
import { heldBidsOfListing, lockListings } from './listings-repo';

/**
 * Closes an open listing as expired or cancelled and voids every hold in one linked ledger
 * batch, so investors see the money as available again. Exactly once: the listing row is
 * locked and must still be open, and each void uses the ledger's default key `void:<holdId>`
 * (a retry replays; the ledger's unique pending_id refuses a second void or a post).
 * Returns false when the listing was no longer open (already closed by an earlier run).
 */
export async function closeListingVoidingHolds(tx: Tx, clock: Clock, input: { listingId: string; to: 'expired' | 'cancelled'; reason: string; actorId: string | null }): Promise<{ closed: boolean; voidedBids: number }> {
  const [listing] = await lockListings(tx, [input.listingId]);
  if (!listing || listing.status !== 'open') return { closed: false, voidedBids: 0 };
  assertTransition(listing.id, listing.status, input.to);
  const held = await heldBidsOfListing(tx, listing.id);
  const wires: WireTransfer[] = held.map((bid) => ({
    id: newId('tr', clock),
    key: `void:${bid.holdTransferId}`,
    hash: hashCanonical({ op: 'void_pending', pendingId: bid.holdTransferId }),
    op: 'void_pending',
    pendingId: bid.holdTransferId,
  }));
  if (wires.length > 0) await executeWireBatch(tx, clock, wires, { linked: true });
  await tx.update(bids).set({ status: 'voided' }).where(and(eq(bids.listingId, listing.id), eq(bids.status, 'held')));
  await tx.update(listings).set({ status: input.to, closedAt: clock.now(), closeReason: input.reason }).where(eq(listings.id, listing.id));
  await appendAudit(tx, clock, { actorId: input.actorId, action: `listing.${input.to}`, subjectType: 'listing', subjectId: listing.id, data: { reason: input.reason, voidedBids: held.length } });
  return { closed: true, voidedBids: held.length };
}
