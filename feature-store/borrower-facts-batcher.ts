import type { DbOrTx } from '../db/client';
import { readBorrowerFacts, type BorrowerFacts } from './read-borrower-facts';

/** Statements in flight at once: a read never waits behind a single slow one. */
const MAX_IN_FLIGHT = 2;
const MAX_BATCH = 64;

interface QueuedRead {
  borrowerId: string;
  asOf: Date;
  resolve(facts: BorrowerFacts): void;
  reject(error: unknown): void;
}

/**
 * Groups the decisions' facts reads (borrowerFactsAsOf). Reads queued in the same turn of the
 * event loop, or while MAX_IN_FLIGHT statements are already out, go as ONE statement
 * (readBorrowerFacts), so under load PostgreSQL starts and runs one statement for many decisions
 * (starting the read's executor, with its eight subplans, was most of its cost) and the event
 * loop handles one result. At low load a read goes out in the same turn it arrived: no timer.
 * Every read keeps its own asOf (point in time), so grouping changes no value.
 */
export class BorrowerFactsBatcher {
  private queue: QueuedRead[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Statements and reads so far (the grouping ratio, for tests and metrics). */
  readonly stats = { statements: 0, reads: 0 };

  constructor(private readonly db: DbOrTx) {}

  read(borrowerId: string, asOf: Date): Promise<BorrowerFacts> {
    return new Promise((resolve, reject) => {
      this.queue.push({ borrowerId, asOf, resolve, reject });
      this.schedule();
    });
  }

  /** Sends at the end of this turn (setImmediate: after every I/O callback of it), if a slot is free. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.send();
    });
  }

  /** Runs only from schedule's setImmediate, which ran because a slot was free and reads were queued. */
  private send(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    this.inFlight += 1;
    this.stats.statements += 1;
    this.stats.reads += batch.length;
    void this.answer(batch).finally(() => {
      this.inFlight -= 1;
      this.schedule();
    });
    this.schedule(); // more queued than one batch takes, and a slot still free
  }

  private async answer(batch: QueuedRead[]): Promise<void> {
    try {
      const facts = await readBorrowerFacts(this.db, batch);
      batch.forEach((read, k) => read.resolve(facts[k]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One bad read must not take the others with it: each is tried again on its own.
      await Promise.all(batch.map((read) => this.answer([read])));
    }
  }
}

const batchers = new WeakMap<DbOrTx, BorrowerFactsBatcher>();

/** One batcher per database handle (the API process has one). */
export function borrowerFactsBatcherFor(db: DbOrTx): BorrowerFactsBatcher {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new BorrowerFactsBatcher(db)));
  return batcher;
}
