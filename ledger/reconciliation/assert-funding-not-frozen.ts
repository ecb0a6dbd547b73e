import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { reconciliationIncidents } from '../../db/schema';
import { AppError } from '../../kernel/errors';

/**
 * Boolean SQL: any reconciliation incident open (REQUIREMENTS 21: new funding is frozen). A
 * fragment, so hot paths (bids) can fold the check into a read they make anyway.
 */
export function fundingFrozenSql(): SQL {
  return sql`EXISTS (SELECT 1 FROM ${reconciliationIncidents} WHERE ${reconciliationIncidents.status} = 'open')`;
}

export function fundingFrozenError(): AppError {
  return new AppError('FUNDING_FROZEN', 'new funding is frozen: the ledger and the custodian bank disagree, and an administrator must resolve it first');
}

/** True while any reconciliation incident is open. */
export async function isFundingFrozen(db: DbOrTx): Promise<boolean> {
  const rows = await db.execute<{ frozen: boolean }>(sql`SELECT ${fundingFrozenSql()} AS frozen`);
  return rows.rows[0]!.frozen;
}

/** Call before any new funding (bids, auto-invest, disbursement): throws FUNDING_FROZEN (423). */
export async function assertFundingNotFrozen(db: DbOrTx): Promise<void> {
  if (await isFundingFrozen(db)) throw fundingFrozenError();
}
