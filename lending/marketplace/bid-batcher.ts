import type { Db } from '../../db/client';
import { pipelinedTransaction } from '../../db/pipelined-transaction';
import type { Clock } from '../../kernel/clock';
import { AppError, toAppError } from '../../kernel/errors';
import { isRetryablePgError, toLedgerError } from '../../ledger';
import { applyBidBatch, type BidOutcome, type PreparedBid } from './apply-bid-batch';
import type { MarketplaceConfig } from './config';

interface Waiting {
  bid: PreparedBid;
  resolve: (outcome: BidOutcome) => void;
}

export interface BatcherDeps {
  db: Db;
  clock: Clock;
  marketplace: MarketplaceConfig;
}

/**
 * Group commit for bids. Bids that arrive while a batch is in its transaction wait and go
 * together in the next one, so a hot listing pays one row lock, one ledger round trip and one
 * WAL flush per batch instead of per bid (a per-bid transaction holds the listing lock across
 * its own commit and tops out near the disk's fsync rate). Latency stays low because a batch
 * starts as soon as a slot is free; under light load every batch has one bid. Two batches run at
 * once, never on the same listing: a bid on a listing a running batch holds waits for the next
 * batch (bids arriving evenly at 1,500/s on one listing: p50 4.3–5.0 ms against 7.4–8.2 ms, and
 * ~11% less CPU per bid, with two batches queueing on its row lock; interleaved bench runs).
 * A batch that fails as a whole (not a refused bid: those are outcomes) is split and each bid
 * retried alone, so one bad bid cannot fail its neighbours.
 */
export class BidBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private readonly keysInFlight = new Set<string>();
  /** Listings some running batch holds (or will hold) the row lock of. */
  private readonly listingsInFlight = new Set<string>();

  constructor(
    private readonly deps: BatcherDeps,
    private readonly options: { maxBatch: number; maxInFlight: number } = { maxBatch: 200, maxInFlight: 2 },
  ) {}

  submit(bid: PreparedBid): Promise<BidOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ bid, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch: Waiting[] = [];
      const rest: Waiting[] = [];
      const keys = new Set<string>();
      const listings = new Set<string>();
      for (const w of this.queue) {
        const key = w.bid.idempotency ? `${w.bid.idempotency.scope}\u0000${w.bid.idempotency.key}` : undefined;
        // A key already in a running batch (or twice in this one) waits: its replay must see the first result.
        // A bid on a listing a running batch holds waits too: a second batch would only queue on
        // that listing's row lock, holding a connection, and split the bids into smaller batches.
        if (batch.length >= this.options.maxBatch || (key && (keys.has(key) || this.keysInFlight.has(key))) || this.listingsInFlight.has(w.bid.listingId)) rest.push(w);
        else {
          if (key) keys.add(key);
          listings.add(w.bid.listingId);
          batch.push(w);
        }
      }
      if (batch.length === 0) return;
      this.queue = rest;
      this.inFlight += 1;
      for (const k of keys) this.keysInFlight.add(k);
      for (const l of listings) this.listingsInFlight.add(l);
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        for (const k of keys) this.keysInFlight.delete(k);
        for (const l of listings) this.listingsInFlight.delete(l);
        this.pump();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.attempt(batch.map((w) => w.bid));
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.resolve({ ok: false, error: toAppError(toLedgerError(error)) });
        return;
      }
      await Promise.all(batch.map((w) => this.run([w])));
    }
  }

  /** One batch in one transaction (retried on serialization failures); a seam for tests. */
  protected async attempt(bids: PreparedBid[]): Promise<BidOutcome[]> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await pipelinedTransaction(this.deps.db, (tx, later) => applyBidBatch(tx, this.deps.clock, this.deps.marketplace, bids, later));
      } catch (error) {
        if (attempt < 3 && isRetryablePgError(error)) continue;
        throw error instanceof AppError ? error : toLedgerError(error);
      }
    }
  }
}

const batchers = new WeakMap<Db, BidBatcher>();

/** The process's batcher for a database (one per connection pool). */
export function bidBatcherFor(deps: BatcherDeps): BidBatcher {
  let batcher = batchers.get(deps.db);
  if (!batcher) {
    batcher = new BidBatcher(deps);
    batchers.set(deps.db, batcher);
  }
  return batcher;
}
