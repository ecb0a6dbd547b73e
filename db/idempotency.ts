import { and, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../kernel/errors';
import type { Clock } from '../kernel/clock';
import { hashCanonical, toJsonValue } from '../kernel/canonical-json';
import type { Db, DbOrTx, Tx } from './client';
import { insertRowsAsJson } from './insert-rows-as-json';
import { idempotencyKeys } from './schema';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export function assertIdempotencyKey(key: string): void {
  if (!/^[\w.:-]{8,128}$/.test(key)) {
    throw new AppError('VALIDATION', 'Idempotency-Key must be 8–128 characters of letters, digits, "-", "_", ".", ":"', { field: 'Idempotency-Key' });
  }
}

/**
 * Claims keys for a batch in one statement: inserts those not present yet and returns
 * (scope, key) of the ones this statement inserted; a key already present (a retry, or a
 * request still running) is left as it is. Its text does not depend on the batch size.
 */
export function claimKeysSql(keys: ReadonlyArray<{ scope: string; key: string; requestHash: string; createdAt: Date }>): SQL {
  return sql`${insertRowsAsJson(idempotencyKeys, keys)} ON CONFLICT DO NOTHING RETURNING scope, key`;
}

/** The response body as jsonb gives it back (bigints as strings). */
export function asStoredBody<T>(body: T): T {
  return toJsonValue<T>(body);
}

/** The first response for a key already claimed (replay), or IDEMPOTENCY_MISMATCH for a different request. */
export async function storedResponse<T>(tx: DbOrTx, scope: string, key: string, requestHash: string): Promise<IdempotentResult<T>> {
  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!existing) throw new AppError('CONFLICT', 'idempotency key vanished; retry the request');
  if (existing.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was already used with a different request');
  }
  return { status: existing.responseStatus ?? 200, body: existing.responseBody as T, replayed: true };
}

/**
 * Runs `work` at most once per (scope, key). The key row and the work's writes commit in one
 * transaction, so either both exist or neither does. A replay with the same request returns
 * the first response; the same key with a different request is IDEMPOTENCY_MISMATCH.
 * A concurrent duplicate waits on the key's unique index until the first one commits.
 */
export async function withIdempotency<T>(
  db: Db,
  clock: Clock,
  input: { scope: string; key: string; request: unknown },
  work: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  assertIdempotencyKey(input.key);
  const requestHash = hashCanonical(input.request);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({ scope: input.scope, key: input.key, requestHash, createdAt: clock.now() })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length === 0) return storedResponse<T>(tx, input.scope, input.key, requestHash);
    const result = await work(tx);
    const storedBody = asStoredBody(result.body);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: result.status, responseBody: storedBody })
      .where(and(eq(idempotencyKeys.scope, input.scope), eq(idempotencyKeys.key, input.key), sql`true`));
    return { status: result.status, body: storedBody, replayed: false };
  });
}
