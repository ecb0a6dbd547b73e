import { desc } from 'drizzle-orm';
import type { Clock } from '../../kernel/clock';
import type { DbOrTx } from '../client';
import { auditCheckpoints, auditLog } from '../schema';
import { appendAudit, AUDIT_GENESIS_HASH } from './append-audit';

/** Records the audit chain's current head under `key` (once per key; a replay keeps the first). */
export async function checkpointAuditChain(tx: DbOrTx, clock: Clock, key: string): Promise<{ key: string; headSeq: bigint; headHash: string }> {
  const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const row = { key, headSeq: head?.seq ?? 0n, headHash: head?.hash ?? AUDIT_GENESIS_HASH, createdAt: clock.now() };
  const inserted = await tx.insert(auditCheckpoints).values(row).onConflictDoNothing().returning({ key: auditCheckpoints.key });
  if (inserted.length > 0) {
    await appendAudit(tx, clock, { actorId: null, action: 'audit.checkpoint', subjectType: 'audit_checkpoint', subjectId: key, data: { headSeq: row.headSeq, headHash: row.headHash } });
  }
  return { key, headSeq: row.headSeq, headHash: row.headHash };
}
