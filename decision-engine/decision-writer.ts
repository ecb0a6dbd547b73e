import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { executePrepared } from '../db/execute-prepared';
import { claimKeysSql, storedResponse } from '../db/idempotency';
import { insertRowsAsJson } from '../db/insert-rows-as-json';
import { decisions, idempotencyKeys, loanApplications, manualReviews } from '../db/schema';
import { platformExposureSource, platformExposureSql, type BorrowerExposureSource } from '../feature-store/exposure-source';
import { AppError } from '../kernel/errors';
import type { ApplicationDecisionView } from './application-view';
import { chainAfter, chainLockSql, type NewDecisionRecord, type SealedRecord } from './decision-chain';

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
  /** Sealed by computeDecision (its hash is computed from the seal); JSON columns may be JsonText. */
  record: NewDecisionRecord & { seal: SealedRecord };
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
 * written in ONE transaction of four statements whatever its size, so under load the round
 * trips, statements and commits per decision fall with the batch size, and at low load a
 * batch is one decision with no added wait (nothing is held back for a timer).
 *
 * Per batch: (1) claim every Idempotency-Key, then take the borrowers' locks in sorted order
 * and the chain lock; (2) re-read each borrower's exposure and the chain head; (3) insert the
 * applications, referrals, the chained decision records and the keys' responses, and release
 * the keys of refused writes; COMMIT (asynchronous, see chainLockSql). A borrower appears at
 * most once per batch, so the cap re-check sees each earlier application of theirs committed.
 * If a batch fails as a whole, its writes are retried one by one, so one bad write cannot take
 * others with it.
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

async function exposuresAndHead(tx: Tx, source: BorrowerExposureSource, borrowerIds: string[]): Promise<{ exposureFen: Map<string, bigint>; head: string | null }> {
  const exposureFen = new Map<string, bigint>();
  const headSql = sql`(SELECT hash FROM ${decisions} ORDER BY seq DESC LIMIT 1)`;
  if (source === platformExposureSource) {
    const e = platformExposureSql(sql`u.b`, END_OF_TIME);
    const rows = await executePrepared<{ b: string; outstanding: bigint; pending: bigint; head: string | null }>(tx, sql`
      SELECT u.b, ${e.outstanding} AS outstanding, ${e.pending} AS pending, ${headSql} AS head FROM unnest(${sql.param(borrowerIds)}::text[]) AS u(b)`);
    for (const r of rows.rows) exposureFen.set(r.b, BigInt(r.outstanding) + BigInt(r.pending));
    return { exposureFen, head: rows.rows[0]?.head ?? null };
  }
  // A replaced exposure source (a port) is asked per borrower, still under the borrower locks.
  for (const b of borrowerIds) {
    const x = await source.exposure(tx, b, END_OF_TIME);
    exposureFen.set(b, x.outstandingPrincipalFen + x.pendingFen);
  }
  const head = await tx.execute<{ head: string | null }>(sql`SELECT ${headSql} AS head`);
  return { exposureFen, head: head.rows[0]?.head ?? null };
}

async function writeBatch(db: Db, source: BorrowerExposureSource, items: PendingDecisionWrite[]): Promise<Outcome[]> {
  return db.transaction(async (tx) => {
    const outcomes: Array<Outcome | undefined> = new Array(items.length);
    // 1. Claim the keys; strictly after the insert (the outer SELECT reads it), the borrower
    // locks in a fixed order (no deadlock between writers) and then the chain lock.
    // Every statement's text depends only on the batch's shape, never its size (arrays, one
    // jsonb), so each is a prepared statement (see executePrepared).
    const claim = claimKeysSql(items.map((i) => ({ scope: i.scope, key: i.key, requestHash: i.requestHash, createdAt: i.createdAt })));
    const borrowers = [...new Set(items.map((i) => i.borrowerId))].sort();
    const claimed = await executePrepared<{ claimed: string[] }>(tx, sql`
      WITH claimed AS (${claim}), c AS (SELECT coalesce(array_agg(scope || ' ' || key), '{}') AS claimed FROM claimed)
      SELECT c.claimed,
        (SELECT count(pg_advisory_xact_lock(${BORROWER_LOCK_SPACE}, hashtext(u.b))) FROM unnest(${sql.param(borrowers)}::text[]) AS u(b)) AS locked,
        ${chainLockSql()}
      FROM c`);
    const claimedKeys = new Set(claimed.rows[0]?.claimed ?? []);

    // A key already claimed is a retry: its first response (or IDEMPOTENCY_MISMATCH).
    const fresh: number[] = [];
    for (const [n, item] of items.entries()) {
      if (claimedKeys.has(`${item.scope} ${item.key}`)) fresh.push(n);
      else outcomes[n] = await storedResponse<ApplicationDecisionView>(tx, item.scope, item.key, item.requestHash).then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    }
    if (fresh.length === 0) return outcomes as Outcome[];

    // 2. Exposure re-read (whatever has committed counts) and the chain head, both after the locks.
    const { exposureFen, head } = await exposuresAndHead(tx, source, [...new Set(fresh.map((n) => items[n]!.borrowerId))]);
    const accepted: number[] = [];
    const released: PendingDecisionWrite[] = [];
    for (const n of fresh) {
      const item = items[n]!;
      if (Number(exposureFen.get(item.borrowerId) ?? 0n) === item.exposureBeforeFen) accepted.push(n);
      else {
        released.push(item);
        outcomes[n] = { ok: false, error: new AppError('CONFLICT', 'another of your applications was decided at the same moment; retry this request with the same Idempotency-Key', { retryable: true }) };
      }
    }

    // 3. Every write of the accepted items, the refused items' keys released, in one statement.
    const rows = chainAfter(head, accepted.map((n) => items[n]!.record));
    const parts = [];
    if (accepted.length > 0) {
      parts.push(sql`apps AS (${insertRowsAsJson(loanApplications, accepted.map((n) => items[n]!.application))})`);
      const reviews = accepted.flatMap((n) => (items[n]!.review ? [items[n]!.review!] : []));
      if (reviews.length > 0) parts.push(sql`reviews AS (${insertRowsAsJson(manualReviews, reviews)})`);
      const acc = accepted.map((n) => items[n]!);
      parts.push(sql`responded AS (UPDATE ${idempotencyKeys} k SET response_status = u.status, response_body = u.body
        FROM unnest(${sql.param(acc.map((i) => i.scope))}::text[], ${sql.param(acc.map((i) => i.key))}::text[], ${sql.param(acc.map((i) => i.status))}::int[], ${sql.param(acc.map((i) => i.bodyJson))}::jsonb[]) AS u(scope, key, status, body)
        WHERE k.scope = u.scope AND k.key = u.key)`);
    }
    if (released.length > 0) {
      parts.push(sql`released AS (DELETE FROM ${idempotencyKeys} k USING unnest(${sql.param(released.map((i) => i.scope))}::text[], ${sql.param(released.map((i) => i.key))}::text[]) AS u(scope, key) WHERE k.scope = u.scope AND k.key = u.key)`);
    }
    const insertDecisions = rows.length > 0 ? sql`${insertRowsAsJson(decisions, rows)} RETURNING id, seq` : sql`SELECT NULL::text AS id, NULL::bigint AS seq WHERE false`;
    const written = await executePrepared<{ id: string; seq: bigint }>(tx, sql`WITH ${sql.join(parts.length > 0 ? parts : [sql`nothing AS (SELECT 1)`], sql`, `)}, inserted AS (${insertDecisions}) SELECT id, seq FROM inserted ORDER BY seq`);
    // The chain links rows in the order given; seq must follow it (the verifier walks seq order).
    if (written.rows.length !== rows.length || written.rows.some((r, k) => r.id !== rows[k]!.id)) {
      throw new Error('decision writer: decisions were not inserted in chain order');
    }
    accepted.forEach((n) => (outcomes[n] = { ok: true, value: { status: items[n]!.status, body: items[n]!.body, replayed: false } }));
    return outcomes as Outcome[];
  });
}
