import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { reconciliationIncidents } from '../../db/schema';
import { AppError } from '../../kernel/errors';

/** True while any reconciliation incident is open (REQUIREMENTS 21: new funding is frozen). */
export async function isFundingFrozen(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: reconciliationIncidents.id }).from(reconciliationIncidents).where(eq(reconciliationIncidents.status, 'open')).limit(1);
  return rows.length > 0;
}

/** Call before any new funding (bids, auto-invest, disbursement): throws FUNDING_FROZEN (423). */
export async function assertFundingNotFrozen(db: DbOrTx): Promise<void> {
  if (await isFundingFrozen(db)) {
    throw new AppError('FUNDING_FROZEN', 'new funding is frozen: the ledger and the custodian bank disagree, and an administrator must resolve it first');
  }
}
