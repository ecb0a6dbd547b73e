import { z } from 'zod';
import type { DbOrTx } from '../db/client';
import { hashCanonical } from '../kernel/canonical-json';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import type { AccountKey } from './accounts';
import { applyTransfers, executeWireBatch, idempotencyKeySchema, parseWithZod, simpleTransfer, toWireTransfer, type CreateTransfersOptions, type TransferInput, type TransferResult } from './create-transfers';

export interface PendingResult {
  id: string;
  status: 'created' | 'replayed';
}

/**
 * A hold: reserves `amountFen` on the debit account (it counts against its balance) and
 * announces it on the credit account, until posted or voided, exactly once. Bid holds are
 * pending `bid_hold` transfers from the investor's available account to the listing's escrow.
 */
export async function createPendingTransfer(
  db: DbOrTx,
  clock: Clock,
  input: Omit<TransferInput, 'postings'> & { debit: AccountKey; credit: AccountKey; amountFen: bigint },
): Promise<PendingResult> {
  const wire = toWireTransfer(clock, simpleTransfer(input), 'pending');
  const [result] = await executeWireBatch(db, clock, [wire], { linked: true });
  return result as PendingResult;
}

export type PendingInput = Omit<TransferInput, 'postings'> & { debit: AccountKey; credit: AccountKey; amountFen: bigint };

/**
 * Many holds in one round trip (e.g. a batch of bids or auto-invest orders): the database plans
 * and writes the batch set-based (one plan, four writes whatever the count; ~0.1 ms a hold).
 * Linked (default): all or none, the first failure throws. Not linked: one result per hold,
 * failures as { status: 'failed', error } (INSUFFICIENT_FUNDS, IDEMPOTENCY_MISMATCH, …).
 * Same idempotency as createPendingTransfer: a replayed key returns the first hold's id.
 */
export async function createPendingTransfers(db: DbOrTx, clock: Clock, inputs: PendingInput[], options: CreateTransfersOptions = {}): Promise<TransferResult[]> {
  return applyTransfers(db, clock, inputs.map(simpleTransfer), 'pending', options);
}

const resolveSchema = z.object({
  pendingId: z.string().min(1).max(100),
  amountFen: z.bigint().positive().optional(),
  idempotencyKey: idempotencyKeySchema.optional(),
});

/**
 * Posts a pending transfer, fully (default) or partly (`amountFen` less than the hold: the rest
 * is released). Exactly once: a second post or a void afterwards is CONFLICT. The default
 * idempotency key is `post:<pendingId>`, so a retried post replays instead of failing.
 */
export async function postPendingTransfer(
  db: DbOrTx,
  clock: Clock,
  input: { pendingId: string; amountFen?: bigint; idempotencyKey?: string },
  options: { at?: Date; metadata?: Record<string, string> } = {},
): Promise<PendingResult> {
  const parsed = parseWithZod(resolveSchema, input, 'post');
  const key = parsed.idempotencyKey ?? `post:${parsed.pendingId}`;
  const request = { op: 'post_pending', pendingId: parsed.pendingId, amountFen: parsed.amountFen ?? null };
  const [result] = await executeWireBatch(
    db,
    clock,
    [{ id: newId('tr', clock), key, hash: hashCanonical(request), op: 'post_pending', pendingId: parsed.pendingId, metadata: options.metadata, ...(parsed.amountFen ? { amount: parsed.amountFen.toString() } : {}) }],
    { linked: true, at: options.at },
  );
  return result as PendingResult;
}

/** Voids a pending transfer (releases the whole hold). Exactly once; default key `void:<pendingId>`. */
export async function voidPendingTransfer(
  db: DbOrTx,
  clock: Clock,
  input: { pendingId: string; idempotencyKey?: string },
  options: { at?: Date; metadata?: Record<string, string> } = {},
): Promise<PendingResult> {
  const parsed = parseWithZod(resolveSchema, input, 'void');
  const key = parsed.idempotencyKey ?? `void:${parsed.pendingId}`;
  const request = { op: 'void_pending', pendingId: parsed.pendingId };
  const [result] = await executeWireBatch(db, clock, [{ id: newId('tr', clock), key, hash: hashCanonical(request), op: 'void_pending', pendingId: parsed.pendingId, metadata: options.metadata }], {
    linked: true,
    at: options.at,
  });
  return result as PendingResult;
}
