import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { enqueueInTransaction } from '../../db/outbox';
import { bids, contractConsents, contracts, disbursements, listings } from '../../db/schema';
import { chinaDate } from '../../kernel/calendar';
import { hashCanonical } from '../../kernel/canonical-json';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { listingEscrow, openUserAccounts, PLATFORM_FEE, userAvailable, executeWireBatch, simpleTransfer, toWireTransfer, type WireTransfer } from '../../ledger';
import { createLoan } from '../servicing/create-loan';
import { assertTransition } from './listing-state';
import { heldBidsOfListing, lockListings } from './listings-repo';

export interface DisbursementResult {
  listingId: string;
  loanId: string;
  principalFen: bigint;
  feeFen: bigint;
  replayed: boolean;
}

/**
 * Processor use case for the `disbursement` queue (item 6, 22): in one transaction and one
 * linked ledger batch, every hold is posted into the listing's escrow and the escrow pays the
 * full principal to the borrower; the platform's fee is a separate movement from the borrower
 * to the platform's fee account (no upfront deduction). Then servicing books the loan and its
 * schedule (`createLoan`). Exactly once per listing: the `disbursements` primary key is the
 * listing id, so a retried or concurrent job finds the first row and returns it.
 */
export async function disburseListing(deps: { db: Db; clock: Clock }, payload: { listingId: string }): Promise<DisbursementResult> {
  return deps.db.transaction(async (tx) => {
    const [listing] = await lockListings(tx, [payload.listingId]);
    if (!listing) throw new AppError('NOT_FOUND', `no listing ${payload.listingId}`);
    const [done] = await tx.select().from(disbursements).where(eq(disbursements.listingId, listing.id));
    if (done) return { listingId: listing.id, loanId: done.loanId, principalFen: done.principalFen, feeFen: done.feeFen, replayed: true };
    assertTransition(listing.id, listing.status, 'disbursed');
    const [contract] = await tx.select().from(contracts).where(eq(contracts.listingId, listing.id));
    if (!contract) throw new AppError('CONFLICT', `listing ${listing.id} has no contract yet`);
    const [consent] = await tx
      .select()
      .from(contractConsents)
      .where(and(eq(contractConsents.contractId, contract.id), eq(contractConsents.partyId, listing.borrowerId)));
    if (!consent) throw new AppError('CONFLICT', `the borrower has not consented to contract ${contract.id}`);

    const held = await heldBidsOfListing(tx, listing.id);
    const heldFen = held.reduce((a, b) => a + b.amountFen, 0n);
    if (heldFen !== listing.amountFen) throw new AppError('INTERNAL', `holds (${heldFen} fen) do not equal the listing amount (${listing.amountFen} fen)`);
    const now = deps.clock.now();
    await openUserAccounts(tx, deps.clock, listing.borrowerId);
    const posts: WireTransfer[] = held.map((bid) => ({
      id: newId('tr', deps.clock),
      key: `post:${bid.holdTransferId}`,
      hash: hashCanonical({ op: 'post_pending', pendingId: bid.holdTransferId, amountFen: null }),
      op: 'post_pending',
      pendingId: bid.holdTransferId,
    }));
    const payout = toWireTransfer(
      deps.clock,
      simpleTransfer({ idempotencyKey: `disburse:${listing.id}`, kind: 'disbursement', debit: listingEscrow(listing.id), credit: userAvailable(listing.borrowerId), amountFen: listing.amountFen, metadata: { listingId: listing.id } }),
      'posted',
    );
    const fee =
      listing.upfrontFeeFen > 0n
        ? [
            toWireTransfer(
              deps.clock,
              simpleTransfer({
                idempotencyKey: `fee:${listing.id}`,
                kind: 'fee',
                debit: userAvailable(listing.borrowerId),
                credit: PLATFORM_FEE,
                amountFen: listing.upfrontFeeFen,
                // The borrower's authorisation is their consent to the signed contract that states the fee.
                authorisation: { kind: 'repayment_mandate', reference: `contract:${contract.id}` },
                metadata: { listingId: listing.id },
              }),
              'posted',
            ),
          ]
        : [];
    const [claimed] = await tx
      .insert(disbursements)
      .values({ listingId: listing.id, loanId: 'pending', batchId: payout.id, principalFen: listing.amountFen, feeFen: listing.upfrontFeeFen, disbursedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!claimed) throw new AppError('CONFLICT', `listing ${listing.id} is being disbursed by another run; retry`);
    await executeWireBatch(tx, deps.clock, [...posts, payout, ...fee], { linked: true });

    const byInvestor = new Map<string, bigint>();
    for (const bid of held) byInvestor.set(bid.investorId, (byInvestor.get(bid.investorId) ?? 0n) + bid.amountFen);
    const loan = await createLoan(tx, { clock: deps.clock }, {
      listingId: listing.id,
      applicationId: listing.applicationId,
      borrowerId: listing.borrowerId,
      principalFen: listing.amountFen,
      termMonths: listing.termMonths,
      annualRateBps: listing.nominalRateBps,
      repaymentMethod: listing.repaymentMethod,
      grade: listing.grade,
      pd: listing.pd,
      startDate: chinaDate(now),
      holdings: [...byInvestor].map(([investorId, principalFen]) => ({ investorId, principalFen })),
      upfrontFeeFen: listing.upfrontFeeFen,
      relatedParty: listing.relatedParty,
    });
    await tx.update(disbursements).set({ loanId: loan.loanId }).where(eq(disbursements.listingId, listing.id));
    await tx.update(bids).set({ status: 'posted' }).where(and(eq(bids.listingId, listing.id), eq(bids.status, 'held')));
    await tx.update(listings).set({ status: 'disbursed', closedAt: now }).where(eq(listings.id, listing.id));
    // Invitation rewards are a separate job: a short marketing account must never hold up a disbursement.
    await enqueueInTransaction(tx, deps.clock, { queue: 'invitation-rewards', jobName: 'listing-disbursed', payload: { listingId: listing.id }, dedupeKey: `invitation-rewards:${listing.id}` });
    await appendAudit(tx, deps.clock, { actorId: null, action: 'listing.disbursed', subjectType: 'listing', subjectId: listing.id, data: { loanId: loan.loanId, principalFen: listing.amountFen, feeFen: listing.upfrontFeeFen } });
    return { listingId: listing.id, loanId: loan.loanId, principalFen: listing.amountFen, feeFen: listing.upfrontFeeFen, replayed: false };
  });
}
