import { randomBytes } from 'node:crypto';
import { asc, gt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { decisions } from '../db/schema';
import { canonicalJson, hashCanonical, sha256Hex, toJsonValue } from '../kernel/canonical-json';

export const DECISION_GENESIS_HASH = '0'.repeat(64);
// Serialises appends so each record chains the true previous one; held only to commit, and
// taken as late as possible to keep the serialised section short (see chainLockSql).
export const DECISION_CHAIN_LOCK = 4_242_040;

export type DecisionRow = typeof decisions.$inferSelect;
export type NewDecisionRecord = Omit<DecisionRow, 'seq' | 'prevHash' | 'hash'>;

/** jsonb gives back exactly what JSON.stringify wrote; hash that form so verification agrees. */
const asStored = (value: unknown): unknown => (value === null || value === undefined ? null : toJsonValue(value));

export function decisionRowHash(row: Omit<DecisionRow, 'seq' | 'hash'>): string {
  const { decidedAt, ...rest } = row;
  return hashCanonical({ ...rest, decidedAt: decidedAt.toISOString() });
}

/**
 * Select-list fragment: the chain lock. Callers may merge it into a statement they run anyway
 * (it must be a statement BEFORE the one that reads the chain head: in READ COMMITTED a
 * statement's snapshot is taken before its functions run, so a head read in the same statement
 * as the lock wait would miss the record committed by the previous holder and fork the chain).
 *
 * The lock is held until commit, and the commit is durable: a decision the applicant has been
 * shown survives a crash. Its cost is one WAL flush per holder, and automated decisions share
 * one per batch (decision-writer.ts: the decisions that arrive during a flush go in the next
 * batch), so a slow disk makes batches bigger rather than capping decisions per second.
 * Against the asynchronous commit it replaced, in interleaved runs at an even 100/s and 500/s:
 * the same CPU per decision and latency within the run-to-run noise (a flush took ~0.1 ms on
 * that machine's disk, `pg_test_fsync`; on a disk with ~7 ms flushes expect that much latency).
 */
export function chainLockSql(): SQL {
  return sql`pg_advisory_xact_lock(${DECISION_CHAIN_LOCK})`;
}

/** Takes the chain lock in its own statement (when the caller has no statement to merge it into). */
export async function takeChainLock(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT ${chainLockSql()}`);
}

/**
 * Appends one decision record to the hash chain inside the caller's transaction, in ONE
 * statement: the chain head is read and the record's hash computed by Postgres (sha256 of the
 * canonical JSON with the head spliced in where prevHash goes), so the lock is held for a single
 * round trip plus commit. The hash is checked against the same computation in TypeScript before
 * returning (a mismatch aborts the transaction). `alongside` adds data-modifying CTEs (e.g. the
 * idempotency key's response) to the same statement. Requires the chain lock (taken by
 * takeChainLock or chainLockSql in an earlier statement of this transaction); without
 * `lockHeld` it is taken here.
 */
/** The record as the database will give it back (whole milliseconds, JSON columns as stored). */
export function storedDecisionRecord(record: NewDecisionRecord): NewDecisionRecord {
  return {
    ...record,
    decidedAt: new Date(Math.floor(record.decidedAt.getTime())),
    features: asStored(record.features),
    ruleResults: asStored(record.ruleResults),
    scores: asStored(record.scores),
    reasons: asStored(record.reasons),
    shadow: asStored(record.shadow),
  };
}

/** The JSON columns of a decision record. */
export type DecisionJsonColumn = 'features' | 'ruleResults' | 'scores' | 'reasons' | 'shadow';

/**
 * The JSON columns stored as the very text that was sealed (`json` columns, db/schema/decisions.ts):
 * the writer sends each as a slice of the sealed bytes, in this order.
 */
export const SEALED_TEXT_COLUMNS = ['features', 'ruleResults', 'scores'] as const satisfies readonly DecisionJsonColumn[];

/**
 * A record's canonical text with its prevHash left open: its hash once chained is
 * sha256(prefix + JSON.stringify(prevHash) + suffix), the same as decisionRowHash of the chained
 * row. Sealing happens while the decision is computed (on a compute thread in the API), so the
 * serial writer only splices in the head and hashes.
 */
export interface SealedRecord {
  prefix: string;
  suffix: string;
  /**
   * Where each SEALED_TEXT_COLUMNS value sits in the UTF-8 bytes of prefix + suffix: byte offset
   * then length, one pair per column in that order.
   */
  textColumnRanges: number[];
}

/**
 * A sealed record as UTF-8 bytes, the form the decision writer sends: `bytes` is the prefix then
 * the suffix, the first `prefixLength` bytes being the prefix. A Uint8Array moves between
 * threads without a copy, and goes to PostgreSQL as binary (no escaping).
 */
export interface SealedBytes {
  bytes: Uint8Array;
  prefixLength: number;
  /** As SealedRecord's: offsets into `bytes`. */
  textColumnRanges: number[];
}

export function sealedBytes(seal: SealedRecord): SealedBytes {
  // A fresh array (not a slice of Buffer's shared pool), so it can be moved to another thread.
  const prefixLength = Buffer.byteLength(seal.prefix, 'utf8');
  const bytes = new Uint8Array(prefixLength + Buffer.byteLength(seal.suffix, 'utf8'));
  const view = Buffer.from(bytes.buffer);
  view.write(seal.prefix, 0, 'utf8');
  view.write(seal.suffix, prefixLength, 'utf8');
  return { bytes, prefixLength, textColumnRanges: seal.textColumnRanges };
}

/** The seal as text again (tests and tools: the writer only needs the bytes). */
export function sealText(sealed: SealedBytes): SealedRecord {
  const text = (from: number, to: number) => Buffer.from(sealed.bytes.buffer, sealed.bytes.byteOffset + from, to - from).toString('utf8');
  return { prefix: text(0, sealed.prefixLength), suffix: text(sealed.prefixLength, sealed.bytes.length), textColumnRanges: sealed.textColumnRanges };
}

/** Seals a record whose JSON columns are given as canonical JSON text (computeDecision writes them so). */
export function sealDecisionRecord(record: Omit<NewDecisionRecord, DecisionJsonColumn>, jsonColumns: Record<DecisionJsonColumn, string>): SealedRecord {
  // A Map, not `{ ...jsonColumns }` given the record's keys (ARCHITECTURE.md, "Hot paths"): with
  // computeDecision's spread copies, that was the ~14 KB per decision the compute thread promoted
  // (replaying 12,000 captured decisions: 1.4 MB per scavenge before, 41 KB after).
  const texts = new Map<string, string>(Object.entries(jsonColumns));
  for (const [key, value] of Object.entries(record)) {
    const text = key === 'decidedAt' ? JSON.stringify(new Date(Math.floor((value as Date).getTime())).toISOString()) : canonicalJson(value);
    if (text !== undefined) texts.set(key, text); // canonicalJson drops undefined fields
  }
  const keys = [...texts.keys(), 'prevHash'].sort();
  const at = keys.indexOf('prevHash');
  const field = (key: string) => `${JSON.stringify(key)}:${texts.get(key)}`;
  return {
    prefix: `{${[...keys.slice(0, at).map(field), '"prevHash":'].join(',')}`,
    suffix: `${keys.slice(at + 1).map((key) => `,${field(key)}`).join('')}}`,
    textColumnRanges: textColumnRanges(keys, at, texts),
  };
}

/**
 * Byte ranges of SEALED_TEXT_COLUMNS in the sealed text laid out as sealDecisionRecord writes it:
 * `{` then `"key":value` fields joined by commas, with prevHash's value left out. Keys are ASCII
 * (their byte length is their length); values may not be (reasons carry Chinese text).
 */
function textColumnRanges(keys: readonly string[], prevHashAt: number, texts: ReadonlyMap<string, string>): number[] {
  const ranges = new Map<string, [number, number]>();
  let position = 1; // '{'
  keys.forEach((key, k) => {
    if (k > 0) position += 1; // ','
    position += JSON.stringify(key).length + 1; // '"key":'
    if (k === prevHashAt) return; // its value is not in the sealed bytes
    const length = Buffer.byteLength(texts.get(key)!, 'utf8');
    ranges.set(key, [position, length]);
    position += length;
  });
  return SEALED_TEXT_COLUMNS.flatMap((key) => {
    const range = ranges.get(key);
    if (!range) throw new Error(`sealDecisionRecord: the record has no ${key}`);
    return range;
  });
}

/**
 * Chains records after `headHash` (the newest record's hash, read under the chain lock): each
 * row's prevHash is the hash before it. Used by the batched writer, which inserts the rows in
 * this order in one statement as JSON (insertRowsAsJson). A sealed record (sealDecisionRecord)
 * is hashed from its seal; otherwise the JSON columns are hashed as given, without
 * storedDecisionRecord's round trip through JSON text: the canonical form already writes what
 * that round trip changes (bigints as strings, undefined dropped, NaN as null). The writer's
 * test verifies the chain read back.
 */
export function chainAfter<R extends NewDecisionRecord & { seal?: SealedRecord }>(headHash: string | null, records: readonly R[]): Array<Omit<R, 'seal'> & { prevHash: string; hash: string }> {
  let prevHash = headHash ?? DECISION_GENESIS_HASH;
  return records.map(({ seal, ...record }) => {
    const row = { ...record, decidedAt: new Date(Math.floor(record.decidedAt.getTime())), prevHash };
    const hash = seal ? sha256Hex(`${seal.prefix}${JSON.stringify(prevHash)}${seal.suffix}`) : decisionRowHash(row);
    prevHash = hash;
    return { ...row, hash };
  });
}

export async function appendDecision(tx: DbOrTx, record: NewDecisionRecord, options: { lockHeld?: boolean; alongside?: SQL } = {}): Promise<DecisionRow> {
  if (!options.lockHeld) await takeChainLock(tx);
  const row = storedDecisionRecord(record);
  // canonicalJson with a unique placeholder for prevHash, split around it: prefix + head + suffix.
  const placeholder = `prev-${randomBytes(16).toString('hex')}`;
  const { decidedAt, ...rest } = { ...row, prevHash: placeholder };
  const canonical = canonicalJson({ ...rest, decidedAt: decidedAt.toISOString() });
  const parts = canonical.split(JSON.stringify(placeholder));
  if (parts.length !== 2) throw new Error('decision chain: prevHash placeholder not found exactly once');
  const [prefix, suffix] = [`${parts[0]!}"`, `"${parts[1]!}`];
  const head = sql`(SELECT h FROM chain_head)`;
  const insert = tx
    .insert(decisions)
    .values({ ...row, prevHash: head, hash: sql`encode(sha256(convert_to(${prefix}::text || ${head} || ${suffix}::text, 'UTF8')), 'hex')` })
    .returning({ seq: decisions.seq, prevHash: decisions.prevHash, hash: decisions.hash });
  const result = await tx.execute<{ seq: string; prev_hash: string; hash: string }>(sql`
    WITH chain_head AS (SELECT coalesce((SELECT hash FROM ${decisions} ORDER BY seq DESC LIMIT 1), ${DECISION_GENESIS_HASH}::text) AS h),
    ${options.alongside ? sql`${options.alongside}, ` : sql``}inserted AS (${insert.getSQL()})
    SELECT seq::text AS seq, prev_hash, hash FROM inserted`);
  const out = result.rows[0]!;
  // Same as decisionRowHash(row with prevHash) — the head is hex, so it needs no escaping.
  if (!/^[0-9a-f]{64}$/.test(out.prev_hash) || sha256Hex(prefix + out.prev_hash + suffix) !== out.hash) {
    throw new Error(`decision chain: hash computed by the database differs for ${record.id}`);
  }
  return { ...row, seq: BigInt(out.seq), prevHash: out.prev_hash, hash: out.hash };
}

export type ChainVerification = { ok: true; recordsChecked: number; headHash: string } | { ok: false; recordsChecked: number; brokenAtSeq: string; decisionId: string; reason: string };

/** Recomputes every record's hash in order; an edited, removed or reordered record fails. */
export async function verifyDecisionChain(db: DbOrTx, batchSize = 2_000): Promise<ChainVerification> {
  let prevHash = DECISION_GENESIS_HASH;
  let lastSeq = 0n;
  let recordsChecked = 0;
  for (;;) {
    const rows = await db.select().from(decisions).where(gt(decisions.seq, lastSeq)).orderBy(asc(decisions.seq)).limit(batchSize);
    if (rows.length === 0) return { ok: true, recordsChecked, headHash: prevHash };
    for (const { seq, hash, ...row } of rows) {
      if (row.prevHash !== prevHash) return { ok: false, recordsChecked, brokenAtSeq: seq.toString(), decisionId: row.id, reason: 'previous-hash link does not match the record before it' };
      if (decisionRowHash(row) !== hash) return { ok: false, recordsChecked, brokenAtSeq: seq.toString(), decisionId: row.id, reason: 'record content does not match its hash' };
      prevHash = hash;
      lastSeq = seq;
      recordsChecked += 1;
    }
  }
}
