import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { executePrepared } from '../db/execute-prepared';
import { storedResponse } from '../db/idempotency';
import { rowsAsJson } from '../db/insert-rows-as-json';
import { loanApplications, manualReviews } from '../db/schema';
import { platformExposureSource, type BorrowerExposureSource } from '../feature-store/exposure-source';
import { AppError } from '../kernel/errors';
import type { ApplicationDecisionView } from './application-view';
import { DECISION_CHAIN_LOCK, type SealedBytes } from './decision-chain';

/** Advisory-lock key space for per-borrower serialisation of decisions (two-int form). */
export const BORROWER_LOCK_SPACE = 4_242_041;
const END_OF_TIME = new Date(8_640_000_000_000_000);
const MAX_BATCH = 64;

/** Everything one decided application writes, prepared before any transaction. */
export interface PendingDecisionWrite {
  scope: string;
  key: string;
  requestHash: string;
  createdAt: Date;
  borrowerId: string;
  application: typeof loanApplications.$inferInsert;
  review: typeof manualReviews.$inferInsert | null;
  /** The decision record, sealed by computeDecision: the row is this text, and its hash is computed from it. */
  sealed: SealedBytes;
  /** The same record as a `decisions` row, less the columns sliced from `sealed` (computeDecision's decisionRowJson). */
  decisionRowJson: Uint8Array;
  status: number;
  body: ApplicationDecisionView;
  /** The body as JSON text. */
  bodyJson: string;
  /** The exposure the features saw; the write is refused (retryable) if it has moved since. */
  exposureBeforeFen: number;
}

export interface WriteResult {
  status: number;
  body: ApplicationDecisionView;
  replayed: boolean;
}

type Outcome = { ok: true; value: WriteResult } | { ok: false; error: unknown };
interface Queued {
  item: PendingDecisionWrite;
  resolve(value: WriteResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for decisions. Requests queue their prepared writes; one batch at a time is
 * written by ONE call of `decision_write_batch` whatever its size (see writeBatch), so under
 * load the round trips and commits per decision fall with the batch size, and at low load a
 * batch is one decision with no added wait (nothing is held back for a timer).
 *
 * The call claims every Idempotency-Key, takes the borrowers' locks in sorted order and the
 * chain lock, re-reads each borrower's exposure (refusing, retryably, an item whose exposure
 * moved since its features were read), chains the records after the head and inserts the
 * applications, referrals and records; it commits durably (see chainLockSql). A borrower
 * appears at most once per batch, so the cap re-check sees each earlier application of theirs
 * committed. If a batch fails as a whole, its writes are retried one by one, so one bad write
 * cannot take others with it.
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
        let outcomes: Outcome[];
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

/**
 * JSON texts (UTF-8) as one jsonb array in PostgreSQL's binary format (a version byte, then the
 * text): sent as is, with no escaping and no copy into a JavaScript string.
 */
function jsonbArrayBinary(elements: Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [JSONB_BINARY_ARRAY_START];
  elements.forEach((element, k) => parts.push(...(k > 0 ? [COMMA] : []), element));
  parts.push(ARRAY_END);
  return Buffer.concat(parts);
}
const JSONB_BINARY_ARRAY_START = Uint8Array.of(1, 0x5b); // jsonb binary format version 1, then '['
const COMMA = Uint8Array.of(0x2c);
const ARRAY_END = Uint8Array.of(0x5d);

const EXPOSURE_MOVED = 'exposure_moved';

/** The writer refused a decision because the borrower's exposure moved since its features were read (nothing was written; computing it again is safe). */
export function isExposureMoved(error: unknown): boolean {
  return error instanceof AppError && error.code === 'CONFLICT' && error.details?.reason === EXPOSURE_MOVED;
}

interface ItemResult extends Record<string, unknown> {
  item: number;
  result: 'written' | 'conflict' | 'replay';
}

/**
 * One batch through `decision_write_batch` (db/sql/040-decisions.sql): claim the keys, lock the
 * borrowers then the chain, re-check each exposure, chain and insert, all in one call. With the
 * platform's own exposure it is one statement on its own, so one round trip is the whole
 * transaction. A replaced exposure source (a port) is asked per borrower under the borrower
 * locks, taken first in a transaction around the call.
 */
async function writeBatch(db: Db, source: BorrowerExposureSource, items: PendingDecisionWrite[]): Promise<Outcome[]> {
  const sealed = Buffer.concat(items.map((i) => i.sealed.bytes));
  const offsets: number[] = [];
  const textRanges: number[] = [];
  let offset = 0;
  for (const item of items) {
    offsets.push(offset);
    item.sealed.textColumnRanges.forEach((n, k) => textRanges.push(k % 2 === 0 ? offset + n : n)); // (offset, length) pairs
    offset += item.sealed.bytes.length;
  }
  const call = (runner: DbOrTx, exposureNowFen: bigint[] | null) =>
    executePrepared<ItemResult>(runner, sql`SELECT item, result FROM decision_write_batch(
      ${BORROWER_LOCK_SPACE}::int, ${DECISION_CHAIN_LOCK}::bigint,
      ${sql.param(items.map((i) => i.scope))}::text[], ${sql.param(items.map((i) => i.key))}::text[], ${sql.param(items.map((i) => i.requestHash))}::text[],
      ${sql.param(items.map((i) => i.createdAt.toISOString()))}::timestamptz[], ${sql.param(items.map((i) => i.status))}::int[], ${sql.param(items.map((i) => i.bodyJson))}::text[],
      ${sql.param(items.map((i) => i.borrowerId))}::text[], ${sql.param(items.map((i) => String(i.exposureBeforeFen)))}::bigint[],
      ${exposureNowFen === null ? null : sql.param(exposureNowFen.map(String))}::bigint[],
      ${rowsAsJson(loanApplications, items.map((i) => i.application)).json}::jsonb, ${rowsAsJson(manualReviews, items.map((i) => i.review)).json}::jsonb,
      ${jsonbArrayBinary(items.map((i) => i.decisionRowJson))}::jsonb, ${sealed}::bytea, ${sql.param(offsets)}::int[], ${sql.param(items.map((i) => i.sealed.prefixLength))}::int[], ${sql.param(items.map((i) => i.sealed.bytes.length))}::int[], ${sql.param(textRanges)}::int[])`);
  const results =
    source === platformExposureSource
      ? await call(db, null)
      : await db.transaction(async (tx) => {
          const borrowers = [...new Set(items.map((i) => i.borrowerId))].sort();
          await tx.execute(sql`SELECT count(pg_advisory_xact_lock(${BORROWER_LOCK_SPACE}, hashtext(u.b))) FROM unnest(${sql.param(borrowers)}::text[]) AS u(b)`);
          const exposureFen = new Map<string, bigint>();
          for (const b of borrowers) {
            const x = await source.exposure(tx, b, END_OF_TIME);
            exposureFen.set(b, x.outstandingPrincipalFen + x.pendingFen);
          }
          return call(tx, items.map((i) => exposureFen.get(i.borrowerId)!));
        });
  const byItem = new Map(results.rows.map((r) => [Number(r.item), r.result]));
  return Promise.all(
    items.map(async (item, n): Promise<Outcome> => {
      const result = byItem.get(n + 1);
      if (result === 'written') return { ok: true, value: { status: item.status, body: item.body, replayed: false } };
      if (result === 'conflict') return { ok: false, error: new AppError('CONFLICT', 'another of your applications was decided at the same moment; retry this request with the same Idempotency-Key', { retryable: true, reason: EXPOSURE_MOVED }) };
      if (result !== 'replay') return { ok: false, error: new Error(`decision writer: no result for item ${n + 1}`) };
      // A key already claimed is a retry: its first response (or IDEMPOTENCY_MISMATCH).
      return storedResponse<ApplicationDecisionView>(db, item.scope, item.key, item.requestHash).then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    }),
  );
}
