import { AppError, ERROR_CODES, type ErrorCode } from '../kernel/errors';

interface PgLikeError {
  code?: string;
  hint?: string;
  message?: string;
  constraint?: string;
  cause?: unknown;
}

function findPgError(error: unknown): PgLikeError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as PgLikeError;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Turns a failure raised by the ledger's SQL functions (HINT 'ledger:<CODE>') or by its
 * CHECK constraints into a typed AppError; anything else is passed through unchanged.
 */
export function toLedgerError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const pg = findPgError(error);
  if (!pg) return error;
  if (pg.hint?.startsWith('ledger:')) {
    const code = pg.hint.slice('ledger:'.length);
    if (Object.hasOwn(ERROR_CODES, code)) return new AppError(code as ErrorCode, pg.message ?? 'ledger error');
  }
  if (pg.code === '23514' && pg.constraint?.startsWith('ledger_accounts_')) {
    return new AppError('INSUFFICIENT_FUNDS', `the transfer would break ${pg.constraint}`);
  }
  return error;
}

/** Serialization failures and deadlocks are safe to retry (nothing was written). */
export function isRetryablePgError(error: unknown): boolean {
  const code = findPgError(error)?.code;
  return code === '40001' || code === '40P01';
}
