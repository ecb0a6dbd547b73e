import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { bids, invitationRedemptions } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { createTransfers, openUserAccounts, PLATFORM_MARKETING, simpleTransfer, userAvailable } from '../../ledger';
import { findListing } from './listings-repo';
import { lockUnpaidRedemptions } from './invitations-repo';

/**
 * Processor use case for the `invitation-rewards` queue (disburseListing writes the job).
 * Policy: an invitation is rewarded when the invitee first takes part in a disbursement, as
 * lender (a posted bid) or borrower, because only then has real business happened (a bid can
 * still be voided; a sign-up alone earns nothing). The reward goes to the inviter, paid from the
 * platform's own marketing account (transfer kind marketing_credit: marketing → user), never
 * from client money or escrow. Exactly once per invitee: the redemption row is locked and
 * marked paid in the same transaction as the ledger transfer, whose key is per invitee.
 * If the marketing account is short, the job fails (INSUFFICIENT_FUNDS) and nothing is written.
 */
export async function payInvitationRewards(deps: { db: Db; clock: Clock }, payload: { listingId: string }): Promise<{ paid: Array<{ inviteeId: string; inviterId: string; transferId: string }> }> {
  const listing = await findListing(deps.db, payload.listingId);
  if (!listing || listing.status !== 'disbursed') return { paid: [] };
  const lenders = await deps.db
    .selectDistinct({ investorId: bids.investorId })
    .from(bids)
    .where(and(eq(bids.listingId, listing.id), eq(bids.status, 'posted')));
  const participants = [...new Set([listing.borrowerId, ...lenders.map((l) => l.investorId)])];
  return deps.db.transaction(async (tx) => {
    const unpaid = await lockUnpaidRedemptions(tx, participants);
    if (unpaid.length === 0) return { paid: [] };
    for (const inviterId of [...new Set(unpaid.map((r) => r.inviterId))]) await openUserAccounts(tx, deps.clock, inviterId);
    const results = await createTransfers(
      tx,
      deps.clock,
      unpaid.map((r) =>
        simpleTransfer({
          idempotencyKey: `invitation-reward:${r.inviteeId}`,
          kind: 'marketing_credit',
          debit: PLATFORM_MARKETING,
          credit: userAvailable(r.inviterId),
          amountFen: r.rewardFen,
          metadata: { inviteeId: r.inviteeId, code: r.code, listingId: listing.id },
        }),
      ),
    );
    const now = deps.clock.now();
    const paid = unpaid.map((r, i) => ({ inviteeId: r.inviteeId, inviterId: r.inviterId, transferId: results[i]!.id }));
    for (const p of paid) {
      await tx
        .update(invitationRedemptions)
        .set({ rewardTransferId: p.transferId, rewardedAt: now, rewardListingId: listing.id })
        .where(inArray(invitationRedemptions.inviteeId, [p.inviteeId]));
    }
    await appendAudit(tx, deps.clock, { actorId: null, action: 'invitation.rewards_paid', subjectType: 'listing', subjectId: listing.id, data: { paid } });
    return { paid };
  });
}
