import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { executePrepared } from '../../db/execute-prepared';
import { enqueueInTransaction } from '../../db/outbox';
import type { Later } from '../../db/pipelined-transaction';
import { idempotencyKeys } from '../../db/schema';
import { chinaDate } from '../../kernel/calendar';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { listingEscrow, simpleTransfer, toWireTransfer, toLedgerError } from '../../ledger';
import { newId } from '../../kernel/ids';
import type { MarketplaceConfig } from './config';
import { openBidBatch } from './open-bid-batch';
import { screenBidBatch } from './screen-bid-batch';
import { planBids, type PlanInvestor, type PlanListing } from './plan-bids';

export interface PreparedBid {
  bidId: string;
  listingId: string;
  investorId: string;
  requestedFen: bigint;
  source: 'manual' | 'auto';
  mandateId?: string;
  /** A hand bid not yet confirmed past the concentration warning (diversification). */
  warnOnConcentration?: boolean;
  idempotency?: { scope: string; key: string; requestHash: string };
}

export interface AcceptedBid {
  bidId: string;
  listingId: string;
  investorId: string;
  requestedFen: string;
  amountFen: string;
  holdTransferId: string;
  listingFunded: boolean;
  createdAt: string;
}

export type BidOutcome = { ok: true; bid: AcceptedBid; replayed: boolean } | { ok: false; error: AppError };

/**
 * Applies a batch of bids in one transaction (one lock acquisition per listing, one ledger
 * round trip, one commit), which is what lets a hot listing take thousands of bids a second.
 * Lock order, the same everywhere in the marketplace: listings (by id), then ledger accounts
 * (by id). With the rows locked, balances and exposures read here are exact, and
 * `planBids` never funds more than a listing's amount; the CHECK on listings is the backstop.
 * Refused bids write nothing: their idempotency keys are removed before commit.
 *
 * The closing statements (holds and rows, outbox, refused keys) do not wait for each other:
 * they go to `later`, so in a pipelined transaction (db/pipelined-transaction.ts) they travel
 * with the COMMIT and a batch costs two round trips. The outcomes returned hold only if the
 * transaction commits.
 */
export async function applyBidBatch(tx: DbOrTx, clock: Clock, config: MarketplaceConfig, batch: readonly PreparedBid[], later: Later): Promise<BidOutcome[]> {
  const now = clock.now();
  const outcomes: Array<BidOutcome | undefined> = new Array(batch.length);

  // 1. One statement: claim the Idempotency-Keys, read what the gates need, lock the listings
  // and the investors' accounts, read their exposure (openBidBatch).
  const keyed = batch.map((b, i) => ({ b, i })).filter((x) => x.b.idempotency);
  /** Batch index → row address of the key it claimed. */
  const claimedRows = new Map<number, string>();
  const opened = await openBidBatch(
    tx,
    keyed.map(({ b }) => ({ scope: b.idempotency!.scope, key: b.idempotency!.key, requestHash: b.idempotency!.requestHash, createdAt: now })),
    batch,
  );
  // 2. Reused keys: replay, or refuse.
  for (const { b, i } of keyed) {
    const ctid = opened.claimed.get(`${b.idempotency!.scope}\u0000${b.idempotency!.key}`);
    if (ctid) {
      claimedRows.set(i, ctid);
      continue;
    }
    // A replay returns the first result even if the gates would now say otherwise (e.g. fully funded).
    const [existing] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, b.idempotency!.scope), eq(idempotencyKeys.key, b.idempotency!.key)));
    if (!existing?.responseBody) outcomes[i] = { ok: false, error: new AppError('CONFLICT', 'this Idempotency-Key is in use by a request still running; retry') };
    else if (existing.requestHash !== b.idempotency!.requestHash) {
      outcomes[i] = { ok: false, error: new AppError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was already used with a different request') };
    } else outcomes[i] = { ok: true, bid: existing.responseBody as AcceptedBid, replayed: true };
  }
  // 3. Funding freeze, onboarding gates, own listing, listing closed.
  const limits = screenBidBatch(config, batch, opened, outcomes);
  const live = batch.map((b, i) => ({ b, i })).filter((x) => !outcomes[x.i]);

  // 4. Plan in arrival order, on the state read under lock.
  const listingState = new Map<string, PlanListing>([...opened.listings].map(([id, l]) => [id, { ...l }]));
  const investorState = new Map<string, PlanInvestor>();
  for (const [investorId, tierLimits] of limits) {
    const availableFen = opened.availableFen.get(investorId);
    if (availableFen !== undefined) investorState.set(investorId, { availableFen, exposure: opened.exposure.get(investorId)!, ...tierLimits });
  }
  const plan = planBids(config, chinaDate(now), listingState, investorState, live.map((x) => x.b));

  // 5. Holds (one linked ledger batch), bid rows, listing totals.
  // Named fields, not `{ ...x, outcome }` (ARCHITECTURE.md, "Hot paths").
  const accepted = live.map((x, k) => ({ b: x.b, i: x.i, outcome: plan[k]! })).filter((x) => x.outcome.ok) as Array<{ b: PreparedBid; i: number; outcome: { ok: true; amountFen: bigint } }>;
  const wires = accepted.map(({ b, outcome }) =>
    toWireTransfer(
      clock,
      simpleTransfer({
        idempotencyKey: `bid:${b.bidId}`,
        kind: 'bid_hold',
        debit: { ownerKind: 'user', ownerId: b.investorId, purpose: 'available' },
        credit: listingEscrow(b.listingId),
        amountFen: outcome.amountFen,
        authorisation: { kind: 'bid_request', reference: b.bidId },
        metadata: { listingId: b.listingId, bidId: b.bidId },
      }),
      'pending',
    ),
  );
  const holdIds = wires.map((w) => w.id);
  const touched = [...new Set(accepted.map((a) => a.b.listingId))].map((id) => ({ id, state: listingState.get(id)!, n: accepted.filter((a) => a.b.listingId === id).length }));
  const responses: Array<{ b: PreparedBid; i: number; body: AcceptedBid }> = accepted.map(({ b, i, outcome }, k) => {
    const state = listingState.get(b.listingId)!;
    return {
      b,
      i,
      body: {
        bidId: b.bidId,
        listingId: b.listingId,
        investorId: b.investorId,
        requestedFen: b.requestedFen.toString(),
        amountFen: outcome.amountFen.toString(),
        holdTransferId: holdIds[k]!,
        listingFunded: state.fundedFen === state.amountFen,
        createdAt: now.toISOString(),
      },
    };
  });
  if (accepted.length > 0) {
    // One round trip while the listing rows are locked: holds, bid rows, listing totals and the
    // stored idempotent responses. The bids' hold ids are the wire ids (fresh keys never replay).
    const payload = { linked: true, batchId: wires.length > 1 ? newId('batch', clock) : null, at: now.toISOString(), transfers: wires };
    const keyed = responses.filter((r) => claimedRows.has(r.i));
    // Columns as arrays (unnest), so the text does not depend on the batch size and the
    // statement is prepared once per connection (see executePrepared): planning this CTE for
    // every batch cost more than running it.
    later(
      executePrepared(tx, sql`
        WITH h AS (SELECT ledger_create_transfers(${JSON.stringify(payload)}::jsonb) AS r),
        b AS (INSERT INTO bids (id, listing_id, investor_id, borrower_id, requested_fen, amount_fen, hold_transfer_id, status, source, mandate_id, created_at)
              SELECT v.id, v.listing_id, v.investor_id, v.borrower_id, v.requested, v.amount, v.hold, 'held', v.source, v.mandate, ${now.toISOString()}::timestamptz
                FROM unnest(${sql.param(accepted.map(({ b }) => b.bidId))}::text[], ${sql.param(accepted.map(({ b }) => b.listingId))}::text[],
                            ${sql.param(accepted.map(({ b }) => b.investorId))}::text[], ${sql.param(accepted.map(({ b }) => listingState.get(b.listingId)!.borrowerId))}::text[],
                            ${sql.param(accepted.map(({ b }) => b.requestedFen.toString()))}::bigint[], ${sql.param(accepted.map(({ outcome }) => outcome.amountFen.toString()))}::bigint[],
                            ${sql.param(holdIds)}::text[], ${sql.param(accepted.map(({ b }) => b.source))}::text[], ${sql.param(accepted.map(({ b }) => b.mandateId ?? null))}::text[])
                  AS v(id, listing_id, investor_id, borrower_id, requested, amount, hold, source, mandate) RETURNING 1),
        l AS (UPDATE listings AS l SET funded_fen = v.funded, bid_count = l.bid_count + v.n,
                status = CASE WHEN v.funded = l.amount_fen THEN 'funded' ELSE l.status END,
                funded_at = CASE WHEN v.funded = l.amount_fen THEN ${now.toISOString()}::timestamptz ELSE l.funded_at END
              FROM unnest(${sql.param(touched.map((t) => t.id))}::text[], ${sql.param(touched.map((t) => t.state.fundedFen.toString()))}::bigint[], ${sql.param(touched.map((t) => t.n))}::int[]) AS v(id, funded, n)
             WHERE l.id = v.id RETURNING 1),
        k AS (UPDATE idempotency_keys AS k SET response_status = 201, response_body = v.body
              FROM unnest(${sql.param(keyed.map(({ i }) => claimedRows.get(i)!))}::tid[], ${sql.param(keyed.map(({ body }) => JSON.stringify(body)))}::jsonb[]) AS v(ctid, body)
             WHERE k.ctid = v.ctid RETURNING 1)
        SELECT (SELECT r FROM h) AS r, (SELECT count(*) FROM b) AS b, (SELECT count(*) FROM l) AS l, (SELECT count(*) FROM k) AS k`).catch((error: unknown) => {
        throw toLedgerError(error);
      }),
    );
    for (const t of touched) {
      if (t.state.fundedFen === t.state.amountFen) {
        later(enqueueInTransaction(tx, clock, { queue: 'funding', jobName: 'listing-funded', payload: { listingId: t.id }, dedupeKey: `funded:${t.id}` }));
      }
    }
  }

  // 6. Results; drop the keys of refused bids (a refused bid leaves nothing behind).
  for (const r of responses) outcomes[r.i] = { ok: true, bid: r.body, replayed: false };
  live.forEach(({ i }, k) => {
    const o = plan[k]!;
    if (!o.ok) outcomes[i] = { ok: false, error: o.error };
  });
  const refusedRows = [...claimedRows].filter(([i]) => !outcomes[i]!.ok).map(([, ctid]) => ctid);
  if (refusedRows.length > 0) {
    later(executePrepared(tx, sql`DELETE FROM idempotency_keys AS k USING unnest(${sql.param(refusedRows)}::tid[]) AS v(ctid) WHERE k.ctid = v.ctid`));
  }
  return outcomes as BidOutcome[];
}
