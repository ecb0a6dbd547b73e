import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executePrepared } from '../db/execute-prepared';
import { storedResponse } from '../db/idempotency';
import { rowsAsJson } from '../db/insert-rows-as-json';
import { decisions, loanApplications, manualReviews } from '../db/schema';
import { jsonReplacer } from '../kernel/canonical-json';
import { AppError } from '../kernel/errors';
import type { ApplicationDecisionView } from './application-view';
import { chainHashParts } from './decision-chain';
import type { PendingDecisionWrite, WriteOutcome } from './pending-decision-write';

interface BatchResult {
  claimed: boolean[];
  accepted: boolean[];
  decisions: Array<{ id: string; seq: string }>;
}

/**
 * The batch as decision_write_batch's one jsonb argument (db/sql/041-decision-writer.sql): rows
 * with the database's column names, each decision without its hashes but with its hash input
 * split where the previous hash goes (chainHashParts). Built as text: the rows are already JSON.
 */
function batchPayload(items: readonly PendingDecisionWrite[]): string {
  const records = items.map((i) => ({ ...i.record, decidedAt: new Date(Math.floor(i.record.decidedAt.getTime())) }));
  const apps = rowsAsJson(loanApplications, items.map((i) => i.application));
  const decisionRows = rowsAsJson(decisions, records);
  const withReview = items.flatMap((i, n) => (i.review ? [n] : []));
  const reviews = withReview.length > 0 ? rowsAsJson(manualReviews, withReview.map((n) => items[n]!.review!)) : { columnNames: [], json: [] };
  const reviewJson = new Map(withReview.map((n, k) => [n, reviews.json[k]!]));
  const parts = items.map((item, n) => {
    const { prefix, suffix } = chainHashParts(records[n]!);
    return `{"scope":${JSON.stringify(item.scope)},"key":${JSON.stringify(item.key)},"requestHash":${JSON.stringify(item.requestHash)},"createdAt":${JSON.stringify(item.createdAt.toISOString())},`
      + `"borrowerId":${JSON.stringify(item.borrowerId)},"exposureBeforeFen":"${BigInt(item.exposureBeforeFen)}","status":${item.status},"body":${JSON.stringify(item.body, jsonReplacer)},`
      + `"application":${apps.json[n]!},"review":${reviewJson.get(n) ?? 'null'},"decision":${decisionRows.json[n]!},"hashPrefix":${JSON.stringify(prefix)},"hashSuffix":${JSON.stringify(suffix)}}`;
  });
  const columns = { applications: apps.columnNames, reviews: reviews.columnNames, decisions: decisionRows.columnNames };
  return `{"columns":${JSON.stringify(columns)},"items":[${parts.join(',')}]}`;
}

/**
 * Writes a batch in ONE round trip: decision_write_batch claims the keys, takes the borrower and
 * chain locks, re-reads each borrower's exposure and the chain head after them, chains and
 * inserts the accepted decisions with their applications and referrals, stores the keys'
 * responses and releases the refused items' keys, all in the statement's own transaction (so no
 * BEGIN or COMMIT round trips; it commits asynchronously, see chainLockSql).
 * A key already claimed is a retry: its first response is read afterwards (or
 * IDEMPOTENCY_MISMATCH). An item whose borrower's exposure moved is refused as a retryable
 * CONFLICT: the client retries with the same key and the decision sees the new exposure.
 */
export async function writeDecisionBatch(db: Db, items: PendingDecisionWrite[]): Promise<WriteOutcome[]> {
  const result = await executePrepared<{ r: BatchResult }>(db, sql`SELECT decision_write_batch(${batchPayload(items)}::jsonb) AS r`);
  const { claimed, accepted } = result.rows[0]!.r;
  return Promise.all(
    items.map(async (item, n): Promise<WriteOutcome> => {
      if (accepted[n]) return { ok: true, value: { status: item.status, body: item.body, replayed: false } };
      if (claimed[n]) {
        return { ok: false, error: new AppError('CONFLICT', 'another of your applications was decided at the same moment; retry this request with the same Idempotency-Key', { retryable: true }) };
      }
      return storedResponse<ApplicationDecisionView>(db, item.scope, item.key, item.requestHash).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    }),
  );
}
