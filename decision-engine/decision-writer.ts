import type { Db } from '../db/client';
import { platformExposureSource, type BorrowerExposureSource } from '../feature-store/exposure-source';
import type { PendingDecisionWrite, WriteOutcome, WriteResult } from './pending-decision-write';
import { writeDecisionBatch } from './write-decision-batch';
import { writeDecisionBatchViaSource } from './write-decision-batch-via-source';

const MAX_BATCH = 64;

interface Queued {
  item: PendingDecisionWrite;
  resolve(value: WriteResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for decisions. Requests queue their prepared writes; one batch at a time is
 * written, in ONE round trip whatever its size (writeDecisionBatch: claim the keys, lock, re-read
 * the exposures and the chain head, insert, commit), so under load the round trips, statements
 * and commits per decision fall with the batch size, and at low load a batch is one decision
 * with no added wait (nothing is held back for a timer). A borrower appears at most once per
 * batch, so the cap re-check sees each earlier application of theirs committed. If a batch fails
 * as a whole, its writes are retried one by one, so one bad write cannot take others with it.
 */
export class DecisionWriter {
  private readonly queue: Queued[] = [];
  private draining = false;
  /** Batches and decisions written so far (group-commit ratio, for tests and metrics). */
  readonly stats = { batches: 0, writes: 0 };

  constructor(
    private readonly db: Db,
    private readonly exposureSource: BorrowerExposureSource,
  ) {}

  write(item: PendingDecisionWrite): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private takeBatch(): Queued[] {
    const batch: Queued[] = [];
    const borrowers = new Set<string>();
    for (let i = 0; i < this.queue.length && batch.length < MAX_BATCH; ) {
      const queued = this.queue[i]!;
      if (borrowers.has(queued.item.borrowerId)) {
        i += 1; // the same borrower's next application waits for the next batch
        continue;
      }
      borrowers.add(queued.item.borrowerId);
      batch.push(queued);
      this.queue.splice(i, 1);
    }
    return batch;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        this.stats.batches += 1;
        this.stats.writes += batch.length;
        let outcomes: WriteOutcome[];
        try {
          outcomes = await writeBatch(this.db, this.exposureSource, batch.map((q) => q.item));
        } catch (error) {
          if (batch.length === 1) outcomes = [{ ok: false, error }];
          else {
            outcomes = [];
            for (const q of batch) outcomes.push(await writeBatch(this.db, this.exposureSource, [q.item]).then((o) => o[0]!, (e: unknown) => ({ ok: false as const, error: e })));
          }
        }
        outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.error)));
      }
    } finally {
      this.draining = false;
    }
  }
}

const writers = new WeakMap<Db, Map<BorrowerExposureSource, DecisionWriter>>();

/** One writer per database handle and exposure source (the API process has one of each). */
export function decisionWriterFor(db: Db, exposureSource: BorrowerExposureSource): DecisionWriter {
  let bySource = writers.get(db);
  if (!bySource) writers.set(db, (bySource = new Map()));
  let writer = bySource.get(exposureSource);
  if (!writer) bySource.set(exposureSource, (writer = new DecisionWriter(db, exposureSource)));
  return writer;
}

/** The platform's own exposure is re-read inside decision_write_batch; a replaced source (a port) is asked from TypeScript. */
function writeBatch(db: Db, source: BorrowerExposureSource, items: PendingDecisionWrite[]): Promise<WriteOutcome[]> {
  return source === platformExposureSource ? writeDecisionBatch(db, items) : writeDecisionBatchViaSource(db, source, items);
}
