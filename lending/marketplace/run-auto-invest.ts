import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { autoInvestMandates, idempotencyKeys } from '../../db/schema';
import { hashCanonical } from '../../kernel/canonical-json';
import type { Clock } from '../../kernel/clock';
import { isAppError } from '../../kernel/errors';
import { planMandateBid, type MandateTerms } from './auto-invest-policy';
import type { MarketplaceConfig } from './config';
import { findListing } from './listings-repo';
import { lockActiveMandatesInServingOrder, mandateBidsOnListing, readMandateUsages } from './mandates-repo';
import { submitBid } from './submit-bid';

export interface AutoInvestResult {
  listingId: string;
  placed: Array<{ mandateId: string; bidId: string; amountFen: string }>;
  skipped: Array<{ mandateId: string; reason: string }>;
  replayed: boolean;
}

/** One auto-invest run at a time: the serving order is global, so runs must not interleave. */
const AUTO_INVEST_LOCK = sql`hashtext('marketplace.auto-invest')`;
/** Refusals that end the run for this listing: nothing more can be bid on it. */
const LISTING_DONE = new Set(['FULLY_FUNDED', 'LISTING_NOT_OPEN']);

/**
 * Processor use case for the `auto-invest` queue (createListing writes the job when a listing
 * opens). Active mandates are served in the fair order (servingOrder: least recently served
 * first, ties by mandate id), each at most once per listing, each bid planned inside the
 * mandate's parameters (planMandateBid) and placed through the same gates and batched hold as a
 * hand bid (submitBid). Idempotent per listing: the finished result is stored under
 * ('auto-invest', listingId) and replayed; a run cut short resumes, skipping mandates that
 * already bid (their bid key `auto:<mandate>:<listing>` replays).
 */
export async function runAutoInvest(deps: { db: Db; clock: Clock; marketplace: MarketplaceConfig }, payload: { listingId: string }): Promise<AutoInvestResult> {
  const stored = await readStoredRun(deps.db, payload.listingId);
  if (stored) return { ...stored, replayed: true };
  const listing = await findListing(deps.db, payload.listingId);
  const result: AutoInvestResult = { listingId: payload.listingId, placed: [], skipped: [], replayed: false };
  if (listing) {
    await deps.db.transaction(async (lockTx) => {
      await lockTx.execute(sql`SELECT pg_advisory_xact_lock(${AUTO_INVEST_LOCK})`);
      const mandates = await lockActiveMandatesInServingOrder(lockTx);
      let lastServedMs = Math.max(0, ...mandates.map((m) => m.lastServedAt?.getTime() ?? 0));
      // Read once per run, not once per mandate (hundreds of mandates per listing): earlier
      // bids of a resumed run and each mandate's usage.
      const earlierBids = await mandateBidsOnListing(deps.db, listing.id);
      const usages = await readMandateUsages(deps.db, mandates.map((m) => m.id), listing.borrowerId);
      let current = await findListing(deps.db, listing.id);
      for (const mandate of mandates) {
        if (!current || current.status !== 'open' || current.fundedFen >= current.amountFen) break;
        const earlier = earlierBids.get(mandate.id);
        if (earlier) {
          // Resumed run: this mandate was served before the interruption; keep its place in the queue right.
          await lockTx.update(autoInvestMandates).set({ lastServedAt: earlier.createdAt }).where(eq(autoInvestMandates.id, mandate.id));
          result.placed.push({ mandateId: mandate.id, bidId: earlier.id, amountFen: earlier.amountFen.toString() });
          continue;
        }
        const usage = usages.get(mandate.id)!;
        const plan = planMandateBid(deps.marketplace.minBidFen, mandate as MandateTerms, current, usage);
        if (!plan.ok) {
          result.skipped.push({ mandateId: mandate.id, reason: plan.reason });
          continue;
        }
        try {
          const placed = await submitBid(deps, {
            investorId: mandate.investorId,
            listingId: listing.id,
            requestedFen: plan.requestedFen,
            source: 'auto',
            mandateId: mandate.id,
            idempotency: { scope: `bid:${mandate.investorId}`, key: `auto:${mandate.id}:${listing.id}`, requestHash: hashCanonical({ listingId: listing.id, mandateId: mandate.id, amountFen: plan.requestedFen }) },
          });
          // Strictly increasing within a run (a simulated clock may stand still), so the queue order
          // after the run is exactly the order served in it.
          const now = new Date(Math.max(deps.clock.now().getTime(), lastServedMs + 1));
          lastServedMs = now.getTime();
          await lockTx
            .update(autoInvestMandates)
            .set({ lastServedAt: now, updatedAt: now, spentFen: usage.spentFen + BigInt(placed.bid.amountFen) })
            .where(eq(autoInvestMandates.id, mandate.id));
          result.placed.push({ mandateId: mandate.id, bidId: placed.bid.bidId, amountFen: placed.bid.amountFen });
        } catch (error) {
          // A refused bid (gate, tier limit, balance) skips this mandate; anything retryable fails the job.
          if (!isAppError(error) || error.retryable) throw error;
          const reason = typeof error.details?.reason === 'string' ? error.details.reason : typeof error.details?.gate === 'string' ? error.details.gate : error.code;
          result.skipped.push({ mandateId: mandate.id, reason });
          if (LISTING_DONE.has(reason)) break;
        }
        // Only a bid (ours or a concurrent one) changes the listing: re-read it after each attempt.
        current = await findListing(deps.db, listing.id);
      }
    });
  }
  await storeRun(deps, result);
  return result;
}

async function readStoredRun(db: Db, listingId: string): Promise<Omit<AutoInvestResult, 'replayed'> | undefined> {
  const [row] = await db
    .select({ body: idempotencyKeys.responseBody })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, 'auto-invest-run'), eq(idempotencyKeys.key, listingId)));
  return (row?.body ?? undefined) as Omit<AutoInvestResult, 'replayed'> | undefined;
}

async function storeRun(deps: { db: Db; clock: Clock }, result: AutoInvestResult): Promise<void> {
  const { replayed: _replayed, ...body } = result;
  await deps.db
    .insert(idempotencyKeys)
    .values({ scope: 'auto-invest-run', key: result.listingId, requestHash: hashCanonical({ listingId: result.listingId }), responseStatus: 200, responseBody: body, createdAt: deps.clock.now() })
    .onConflictDoNothing();
}
