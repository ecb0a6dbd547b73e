import { eq } from 'drizzle-orm';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { autoInvestMandates } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { mandateView, type MandateView } from './mandate-view';
import { findOwnMandate } from './mandates-repo';

/**
 * Revokes a mandate, at any time and with no condition (item 17). No later auto-invest run
 * uses it; a run already in progress holds the mandate's row lock, so the revocation waits for
 * that run (seconds) and then applies. Bids already placed stay (they are the investor's bids).
 * Revoking twice returns the same revoked mandate.
 */
export async function revokeAutoInvestMandate(deps: { db: Db; clock: Clock }, input: { investorId: string; mandateId: string }): Promise<MandateView> {
  return deps.db.transaction(async (tx) => {
    const current = await findOwnMandate(tx, input.investorId, input.mandateId, { lock: true });
    if (!current) throw new AppError('NOT_FOUND', `no auto-invest mandate ${input.mandateId}`);
    if (current.status === 'revoked') return mandateView(current);
    const now = deps.clock.now();
    const [updated] = await tx.update(autoInvestMandates).set({ status: 'revoked', revokedAt: now, updatedAt: now }).where(eq(autoInvestMandates.id, current.id)).returning();
    await appendAudit(tx, deps.clock, { actorId: input.investorId, action: 'auto_invest.mandate_revoked', subjectType: 'auto_invest_mandate', subjectId: current.id, data: {} });
    return mandateView(updated!);
  });
}
