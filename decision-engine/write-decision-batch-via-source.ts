import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { executePrepared } from '../db/execute-prepared';
import { claimKeysSql, storedResponse } from '../db/idempotency';
import { insertRowsAsJson } from '../db/insert-rows-as-json';
import { decisions, idempotencyKeys, loanApplications, manualReviews } from '../db/schema';
import type { BorrowerExposureSource } from '../feature-store/exposure-source';
import { jsonReplacer } from '../kernel/canonical-json';
import { AppError } from '../kernel/errors';
import type { ApplicationDecisionView } from './application-view';
import { chainAfter, chainLockSql } from './decision-chain';
import { BORROWER_LOCK_SPACE, type PendingDecisionWrite, type WriteOutcome } from './pending-decision-write';

const END_OF_TIME = new Date(8_640_000_000_000_000);

/** Each borrower's exposure from the source, under the borrower locks, and the chain head. */
async function exposuresAndHead(tx: Tx, source: BorrowerExposureSource, borrowerIds: string[]): Promise<{ exposureFen: Map<string, bigint>; head: string | null }> {
  const exposureFen = new Map<string, bigint>();
  for (const b of borrowerIds) {
    const x = await source.exposure(tx, b, END_OF_TIME);
    exposureFen.set(b, x.outstandingPrincipalFen + x.pendingFen);
  }
  const head = await tx.execute<{ head: string | null }>(sql`SELECT (SELECT hash FROM ${decisions} ORDER BY seq DESC LIMIT 1) AS head`);
  return { exposureFen, head: head.rows[0]?.head ?? null };
}

/**
 * The batch written through a replaced exposure source (a port), asked per borrower under the
 * borrower locks, in one transaction of four statements: (1) claim the keys, then the borrower
 * locks in sorted order and the chain lock; (2) each borrower's exposure and the chain head;
 * (3) the inserts and the keys' responses, the refused items' keys released; COMMIT
 * (asynchronous, see chainLockSql). The platform's own source takes decision_write_batch instead.
 */
export async function writeDecisionBatchViaSource(db: Db, source: BorrowerExposureSource, items: PendingDecisionWrite[]): Promise<WriteOutcome[]> {
  return db.transaction(async (tx) => {
    const outcomes: Array<WriteOutcome | undefined> = new Array(items.length);
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
    if (fresh.length === 0) return outcomes as WriteOutcome[];

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
        FROM unnest(${sql.param(acc.map((i) => i.scope))}::text[], ${sql.param(acc.map((i) => i.key))}::text[], ${sql.param(acc.map((i) => i.status))}::int[], ${sql.param(acc.map((i) => JSON.stringify(i.body, jsonReplacer)))}::jsonb[]) AS u(scope, key, status, body)
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
    return outcomes as WriteOutcome[];
  });
}
