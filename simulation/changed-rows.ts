import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rows, type Query } from './audit-breach';
import { textArray, type Scope } from './book-invariants';

/**
 * Which rows were written since the last audit, told by PostgreSQL itself: every row version
 * carries the id of the transaction that wrote it (xmin). That catches any write — a use case's
 * or a stray UPDATE that leaves updated_at alone — without trusting the application's own
 * timestamps. The watermark is the next transaction id at the start of an audit; the simulator
 * runs audits while none of its transactions is in flight, so every later write is above it.
 * (The snapshot's xmin would be safer under concurrency but is held back by any long
 * transaction in the whole cluster, which would turn "changed" into "nearly everything".)
 */
export async function xidWatermark(db: Db): Promise<bigint> {
  const [row] = await rows<{ next: string }>(db, sql`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next`);
  return BigInt(row!.next);
}

/** xmin is the 32-bit form of a 64-bit id: compare modulo 2^32, against the distance to the statement's snapshot horizon. */
export function writtenSince(alias: string, watermark: bigint): Query {
  const low = (watermark % 4_294_967_296n).toString();
  return sql`((${sql.raw(alias)}.xmin::text::bigint - ${low}::bigint + 4294967296) % 4294967296) < (pg_snapshot_xmax(pg_current_snapshot())::text::bigint - ${watermark.toString()}::bigint)`;
}

const ids = async (db: Db, query: Query): Promise<string[]> => (await rows<{ id: string | null }>(db, query)).flatMap((r) => (r.id === null ? [] : [r.id]));

/**
 * The scope of a daily audit: every listing, loan, repayment, auto bid and mandate whose own row,
 * or a row its invariants sum over, was written since the watermark. Each table is read once.
 */
export async function changedScope(db: Db, watermark: bigint): Promise<Scope> {
  const since = (alias: string) => writtenSince(alias, watermark);
  const [bids, listings, mandates, loans, holdings, shares, repayments, distributions] = await Promise.all([
    rows<{ id: string; listing_id: string; mandate_id: string | null }>(db, sql`SELECT id, listing_id, mandate_id FROM bids b WHERE ${since('b')}`),
    ids(db, sql`SELECT id FROM listings l WHERE ${since('l')}`),
    ids(db, sql`SELECT id FROM auto_invest_mandates m WHERE ${since('m')}`),
    ids(db, sql`SELECT id FROM loans lo WHERE ${since('lo')}`),
    ids(db, sql`SELECT DISTINCT loan_id AS id FROM loan_holdings h WHERE ${since('h')}`),
    ids(db, sql`SELECT DISTINCT loan_id AS id FROM installment_shares s WHERE ${since('s')}`),
    rows<{ id: string; loan_id: string }>(db, sql`SELECT id, loan_id FROM loan_repayments r WHERE ${since('r')}`),
    rows<{ repayment_id: string; loan_id: string }>(db, sql`SELECT DISTINCT repayment_id, loan_id FROM repayment_distributions d WHERE ${since('d')}`),
  ]);
  const listingIds = new Set([...listings, ...bids.map((b) => b.listing_id)]);
  const mandateIds = new Set([...mandates, ...bids.flatMap((b) => (b.mandate_id ? [b.mandate_id] : []))]);
  // A changed listing or mandate puts its auto bids back in scope (their terms are compared).
  const bidsOfChanged = await ids(db, sql`SELECT id FROM bids WHERE source = 'auto' AND (listing_id = ANY(${textArray([...listingIds])}) OR mandate_id = ANY(${textArray([...mandateIds])}))`);
  return {
    listingIds: [...listingIds],
    mandateIds: [...mandateIds],
    bidIds: [...new Set([...bids.map((b) => b.id), ...bidsOfChanged])],
    loanIds: [...new Set([...loans, ...holdings, ...shares, ...repayments.map((r) => r.loan_id), ...distributions.map((d) => d.loan_id)])],
    repaymentIds: [...new Set([...repayments.map((r) => r.id), ...distributions.map((d) => d.repayment_id)])],
  };
}
