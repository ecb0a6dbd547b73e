import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appendAudit } from '../../db/audit/append-audit';
import { reconciliationIncidents } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { isFundingFrozen } from './assert-funding-not-frozen';

/**
 * An administrator records how a reconciliation difference was explained and corrected.
 * Funding unfreezes when no incident is left open. Resolving twice returns the first resolution.
 */
export async function resolveReconciliationIncident(deps: { db: Db; clock: Clock }, input: { incidentId: string; adminId: string; resolution: string }) {
  const resolution = input.resolution.trim();
  if (resolution.length < 10) throw new AppError('VALIDATION', 'resolution must explain the cause and the correction (at least 10 characters)', { field: 'resolution' });
  return deps.db.transaction(async (tx) => {
    const [incident] = await tx.select().from(reconciliationIncidents).where(eq(reconciliationIncidents.id, input.incidentId)).for('update');
    if (!incident) throw new AppError('NOT_FOUND', 'no such reconciliation incident');
    if (incident.status === 'resolved') return { incident, fundingFrozen: await isFundingFrozen(tx), replayed: true };
    const [updated] = await tx
      .update(reconciliationIncidents)
      .set({ status: 'resolved', resolvedAt: deps.clock.now(), resolvedBy: input.adminId, resolution })
      .where(and(eq(reconciliationIncidents.id, input.incidentId), eq(reconciliationIncidents.status, 'open')))
      .returning();
    await appendAudit(tx, deps.clock, { actorId: input.adminId, action: 'reconciliation.incident_resolved', subjectType: 'reconciliation_incident', subjectId: input.incidentId, data: { resolution } });
    return { incident: updated!, fundingFrozen: await isFundingFrozen(tx), replayed: false };
  });
}
