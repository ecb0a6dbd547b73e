import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client';
import { canonicalJson, sha256Hex } from '../kernel/canonical-json';
import type { Clock } from '../kernel/clock';
import { AppError, validationError, type ErrorCode } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { AccountKey } from './accounts';
import { toLedgerError } from './ledger-errors';
import { checkTransferPolicy, TRANSFER_KINDS, TRANSFER_RULES, type Authorisation, type TransferKind } from './policy';

export const accountKeySchema = z.object({
  ownerKind: z.enum(['user', 'listing', 'platform', 'guarantor', 'external']),
  ownerId: z.string().min(1).max(100),
  purpose: z.string().min(1).max(40),
});
export const idempotencyKeySchema = z.string().min(1).max(200);
const positiveFen = z.bigint().positive().max(10n ** 15n);
const authorisationSchema = z.object({ kind: z.enum(['one_time_code', 'bid_request', 'repayment_mandate']), reference: z.string().min(1).max(200) });
const metadataSchema = z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]));

const transferInputSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  kind: z.enum(TRANSFER_KINDS as [TransferKind, ...TransferKind[]]),
  postings: z.array(z.object({ account: accountKeySchema, side: z.enum(['debit', 'credit']), amountFen: positiveFen })).min(2).max(200),
  authorisation: authorisationSchema.optional(),
  metadata: metadataSchema.optional(),
  /** 'outbox': queue an instruction to the custodian (default); 'direct': the bank already executed it. */
  custody: z.enum(['outbox', 'direct']).optional(),
});

export interface Posting {
  account: AccountKey;
  side: 'debit' | 'credit';
  amountFen: bigint;
}

export interface TransferInput {
  idempotencyKey: string;
  kind: TransferKind;
  postings: Posting[];
  authorisation?: Authorisation;
  metadata?: Record<string, string | number | boolean | null>;
  custody?: 'outbox' | 'direct';
}

export type TransferResult =
  | { id: string; idempotencyKey: string; status: 'created' | 'replayed' }
  | { id: string; idempotencyKey: string; status: 'failed'; error: AppError };

export interface CreateTransfersOptions {
  /** All succeed or none does (default). When false each transfer stands alone. */
  linked?: boolean;
  /** Value time of the transfers (e.g. the bank's execution time); defaults to clock.now(). */
  at?: Date;
}

/** The usual two-posting transfer. */
export function simpleTransfer(input: Omit<TransferInput, 'postings'> & { debit: AccountKey; credit: AccountKey; amountFen: bigint }): TransferInput {
  const { debit, credit, amountFen, ...rest } = input;
  // `rest` is already a fresh copy: postings go onto it, not onto a spread copy of it (ARCHITECTURE.md, "Hot paths": every bid's hold comes here).
  return Object.assign(rest, { postings: [{ account: debit, side: 'debit' as const, amountFen }, { account: credit, side: 'credit' as const, amountFen }] });
}

export function parseWithZod<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, what);
  return result.data;
}

/** Wire form of one transfer for `ledger_create_transfers` (amounts as strings: exact). */
export interface WireTransfer {
  id: string;
  key: string;
  hash: string;
  op: 'posted' | 'pending' | 'post_pending' | 'void_pending';
  kind?: string;
  custody?: string;
  metadata?: Record<string, unknown>;
  postings?: Array<{ o: string; i: string; p: string; c: boolean; a: string }>;
  pendingId?: string;
  amount?: string;
}

const OWNER_KINDS: ReadonlySet<string> = new Set(accountKeySchema.shape.ownerKind.options);
const AUTHORISATION_KINDS: ReadonlySet<string> = new Set(authorisationSchema.shape.kind.options);
const MAX_FEN = 10n ** 15n;

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length >= 1 && value.length <= max;

/**
 * The hot path's validation: true when `input` certainly passes `transferInputSchema` (same
 * limits, written out by hand: zod costs ~50 µs a transfer, this ~1 µs). Anything it does not
 * recognise goes through zod, which then accepts it or reports the exact error.
 */
function isWellFormedTransfer(input: TransferInput): boolean {
  if (!input || typeof input !== 'object' || !isText(input.idempotencyKey, 200) || typeof input.kind !== 'string' || !Object.hasOwn(TRANSFER_RULES, input.kind)) return false;
  const { postings, authorisation, metadata, custody } = input;
  if (!Array.isArray(postings) || postings.length < 2 || postings.length > 200) return false;
  for (const posting of postings) {
    if (!posting || typeof posting !== 'object') return false;
    const { account, side, amountFen } = posting;
    if (!account || typeof account !== 'object' || !OWNER_KINDS.has(account.ownerKind) || !isText(account.ownerId, 100) || !isText(account.purpose, 40)) return false;
    if ((side !== 'debit' && side !== 'credit') || typeof amountFen !== 'bigint' || amountFen <= 0n || amountFen > MAX_FEN) return false;
  }
  if (authorisation !== undefined && (!authorisation || typeof authorisation !== 'object' || !AUTHORISATION_KINDS.has(authorisation.kind) || !isText(authorisation.reference, 200))) return false;
  if (custody !== undefined && custody !== 'outbox' && custody !== 'direct') return false;
  if (metadata !== undefined) {
    if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata) || Object.getPrototypeOf(metadata) !== Object.prototype) return false;
    for (const value of Object.values(metadata)) {
      const ok = value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 500);
      if (!ok) return false;
    }
  }
  return true;
}

/** What zod's parse returns for a well-formed input: known fields only, in the same shapes. */
function normaliseTransfer(input: TransferInput): TransferInput {
  return {
    idempotencyKey: input.idempotencyKey,
    kind: input.kind,
    postings: input.postings.map((p) => ({ account: { ownerKind: p.account.ownerKind, ownerId: p.account.ownerId, purpose: p.account.purpose }, side: p.side, amountFen: p.amountFen })),
    ...(input.authorisation !== undefined ? { authorisation: { kind: input.authorisation.kind, reference: input.authorisation.reference } } : {}),
    ...(input.metadata !== undefined ? { metadata: { ...input.metadata } } : {}),
    ...(input.custody !== undefined ? { custody: input.custody } : {}),
  };
}

/**
 * The request hash stored with the transfer: sha256 of the canonical JSON of
 * { op, kind, postings, custody, metadata }. Built directly (keys written in canonicalJson's
 * sorted order) because it runs for every transfer; `transferRequestHash` is checked against
 * hashCanonical by a test, so stored hashes (and so idempotent replays) never change.
 */
export function transferRequestHash(op: string, kind: string, postings: readonly Posting[], custody: string, metadata: Record<string, unknown>): string {
  let out = `{"custody":${JSON.stringify(custody)},"kind":${JSON.stringify(kind)},"metadata":${canonicalJson(metadata)},"op":${JSON.stringify(op)},"postings":[`;
  for (let i = 0; i < postings.length; i += 1) {
    const { account, amountFen, side } = postings[i]!;
    out += `${i === 0 ? '' : ','}{"account":{"ownerId":${JSON.stringify(account.ownerId)},"ownerKind":${JSON.stringify(account.ownerKind)},"purpose":${JSON.stringify(account.purpose)}},"amountFen":"${amountFen.toString()}","side":${JSON.stringify(side)}}`;
  }
  return sha256Hex(`${out}]}`);
}

export function toWireTransfer(clock: Clock, input: TransferInput, op: 'posted' | 'pending'): WireTransfer {
  const parsed = isWellFormedTransfer(input) ? normaliseTransfer(input) : (parseWithZod(transferInputSchema, input, 'transfer') as TransferInput);
  checkTransferPolicy(parsed.kind, parsed.postings, { pending: op === 'pending', authorisation: parsed.authorisation });
  const custody = parsed.custody ?? 'outbox';
  // Object.assign, not a spread that then grows (ARCHITECTURE.md, "Hot paths").
  const metadata: Record<string, unknown> = Object.assign({}, parsed.metadata, parsed.authorisation ? { authorisation: parsed.authorisation } : undefined);
  const hash = transferRequestHash(op, parsed.kind, parsed.postings, custody, metadata);
  return {
    id: newId('tr', clock),
    key: parsed.idempotencyKey,
    hash,
    op,
    kind: parsed.kind,
    custody,
    metadata,
    postings: parsed.postings.map((p) => ({ o: p.account.ownerKind, i: p.account.ownerId, p: p.account.purpose, c: p.side === 'credit', a: p.amountFen.toString() })),
  };
}

/** One round trip: the whole batch is applied by the PL/pgSQL function. */
export async function executeWireBatch(db: DbOrTx, clock: Clock, transfers: WireTransfer[], options: CreateTransfersOptions): Promise<TransferResult[]> {
  const linked = options.linked ?? true;
  const payload = {
    linked,
    batchId: linked && transfers.length > 1 ? newId('batch', clock) : null,
    at: (options.at ?? clock.now()).toISOString(),
    transfers,
  };
  let rows: Array<{ id: string; status: string; code?: string; message?: string }>;
  try {
    const result = await db.execute(sql`SELECT ledger_create_transfers(${JSON.stringify(payload)}::jsonb) AS r`);
    rows = (result.rows[0] as { r: typeof rows }).r;
  } catch (error) {
    throw toLedgerError(error);
  }
  return rows.map((row, index) => {
    const key = transfers[index]!.key;
    if (row.status === 'failed') {
      return { id: row.id, idempotencyKey: key, status: 'failed', error: new AppError((row.code ?? 'INTERNAL') as ErrorCode, row.message ?? 'transfer failed') };
    }
    return { id: row.id, idempotencyKey: key, status: row.status as 'created' | 'replayed' };
  });
}

/**
 * Creates posted transfers. Each carries an idempotency key: a replay returns the first
 * transfer's id with status 'replayed'; the same key with a different body is
 * IDEMPOTENCY_MISMATCH. Linked (default): all or nothing, and a failure throws. Callable
 * inside the caller's transaction.
 */
export async function createTransfers(db: DbOrTx, clock: Clock, transfers: TransferInput[], options: CreateTransfersOptions = {}): Promise<TransferResult[]> {
  return applyTransfers(db, clock, transfers, 'posted', options);
}

/** createTransfers / createPendingTransfers: validate in Node, then the whole batch in one round trip. */
export async function applyTransfers(db: DbOrTx, clock: Clock, transfers: TransferInput[], op: 'posted' | 'pending', options: CreateTransfersOptions): Promise<TransferResult[]> {
  if (transfers.length === 0) return [];
  if (transfers.length > 1000) throw new AppError('VALIDATION', 'at most 1000 transfers per batch', { field: 'transfers' });
  if (options.linked ?? true) {
    const wire = transfers.map((t) => toWireTransfer(clock, t, op));
    return executeWireBatch(db, clock, wire, options);
  }
  // Not linked: a transfer refused before reaching the database fails alone, like one refused in it.
  const prepared = transfers.map((t) => {
    try {
      return toWireTransfer(clock, t, op);
    } catch (error) {
      if (error instanceof AppError) return { id: '', idempotencyKey: t.idempotencyKey, status: 'failed' as const, error };
      throw error;
    }
  });
  const wire = prepared.filter((p): p is WireTransfer => 'op' in p);
  const applied = wire.length > 0 ? await executeWireBatch(db, clock, wire, options) : [];
  let next = 0;
  return prepared.map((p) => ('op' in p ? applied[next++]! : p));
}

/** One posted transfer; throws on failure. */
export async function createTransfer(db: DbOrTx, clock: Clock, transfer: TransferInput, options: Omit<CreateTransfersOptions, 'linked'> = {}) {
  const [result] = await createTransfers(db, clock, [transfer], options);
  return result as { id: string; idempotencyKey: string; status: 'created' | 'replayed' };
}
