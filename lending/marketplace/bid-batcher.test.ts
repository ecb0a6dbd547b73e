import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { SimulatedClock } from '../../kernel/clock';
import type { BidOutcome, PreparedBid } from './apply-bid-batch';
import { BidBatcher } from './bid-batcher';
import { marketplaceConfig } from './config';

/** A batcher whose transactions are stand-ins that take a few milliseconds and record what ran together. */
class RecordingBatcher extends BidBatcher {
  readonly batches: string[][] = [];
  readonly overlaps: string[] = [];
  maxConcurrent = 0;
  private readonly running = new Set<Set<string>>();

  constructor(maxInFlight: number) {
    super({ db: {} as Db, clock: new SimulatedClock('2026-03-02T02:00:00Z'), marketplace: marketplaceConfig() }, { maxBatch: 200, maxInFlight });
  }

  protected override async attempt(bids: PreparedBid[]): Promise<BidOutcome[]> {
    const listings = new Set(bids.map((b) => b.listingId));
    for (const other of this.running) for (const listing of listings) if (other.has(listing)) this.overlaps.push(listing);
    this.running.add(listings);
    this.maxConcurrent = Math.max(this.maxConcurrent, this.running.size);
    this.batches.push([...listings].sort());
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.running.delete(listings);
    return bids.map((b) => ({ ok: true, replayed: false, bid: { bidId: b.bidId, listingId: b.listingId, investorId: b.investorId, requestedFen: String(b.requestedFen), amountFen: String(b.requestedFen), holdTransferId: `tr_${b.bidId}`, listingFunded: false, createdAt: '2026-03-02T02:00:00.000Z' } }));
  }
}

const bid = (n: number, listingId: string): PreparedBid => ({ bidId: `bid_${n}`, listingId, investorId: `usr_${n}`, requestedFen: 10_000n, source: 'manual', idempotency: { scope: `bid:usr_${n}`, key: `key-${String(n).padStart(6, '0')}`, requestHash: 'h' } });

describe('BidBatcher', () => {
  it('never runs two batches on the same listing at once, while batches on other listings run beside them', async () => {
    const batcher = new RecordingBatcher(2);
    const submitted: Array<Promise<BidOutcome>> = [];
    // Bids arrive in waves while batches run: a hot listing (A) and two others.
    for (let wave = 0; wave < 6; wave += 1) {
      for (let k = 0; k < 5; k += 1) {
        const n = wave * 5 + k;
        submitted.push(batcher.submit(bid(n, k < 3 ? 'lst_A' : k === 3 ? 'lst_B' : 'lst_C')));
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const outcomes = await Promise.all(submitted);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(batcher.overlaps).toEqual([]);
    expect(batcher.maxConcurrent).toBe(2); // other listings' bids did not wait behind listing A's batch
    // A's 18 bids went in fewer transactions than bids (they wait together for A's running batch to end).
    expect(batcher.batches.filter((listings) => listings.includes('lst_A')).length).toBeLessThan(18);
  });
});
