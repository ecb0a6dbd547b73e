import { eq } from 'drizzle-orm';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { enqueueInTransaction } from '../../db/outbox';
import { contractConsents, contracts } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { getListing } from './listings-repo';

/**
 * The borrower consents to the signed contract (its hash); disbursement is queued in the same
 * transaction. Repeating the consent changes nothing.
 */
export async function consentToContract(deps: { db: Db; clock: Clock }, userId: string, contractId: string) {
  const [contract] = await deps.db.select().from(contracts).where(eq(contracts.id, contractId));
  if (!contract) throw new AppError('NOT_FOUND', `no contract ${contractId}`);
  const listing = await getListing(deps.db, contract.listingId);
  if (listing.borrowerId !== userId) throw new AppError('NOT_FOUND', `no contract ${contractId}`);
  await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(contractConsents)
      .values({ contractId, partyId: userId, role: 'borrower', sha256: contract.sha256, consentedAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ id: contractConsents.partyId });
    if (inserted.length === 0) return;
    await enqueueInTransaction(tx, deps.clock, { queue: 'disbursement', jobName: 'disburse', payload: { listingId: listing.id }, dedupeKey: `disburse:${listing.id}` });
    await appendAudit(tx, deps.clock, { actorId: userId, action: 'contract.consented', subjectType: 'contract', subjectId: contractId, data: { sha256: contract.sha256 } });
  });
  return { contractId, consented: true, sha256: contract.sha256 };
}
