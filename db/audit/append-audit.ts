import { desc, sql } from 'drizzle-orm';
import type { Clock } from '../../kernel/clock';
import { hashCanonical, toJsonValue } from '../../kernel/canonical-json';
import { newId } from '../../kernel/ids';
import type { DbOrTx } from '../client';
import { auditLog } from '../schema';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);
// Serialises appends so each row chains the true previous row (held to transaction end).
const AUDIT_CHAIN_LOCK = 4_242_002;

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  data?: Record<string, unknown>;
}

export function auditRowHash(row: {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: unknown;
  prevHash: string;
}): string {
  const { id, at, actorId, action, subjectType, subjectId, data, prevHash } = row;
  return hashCanonical({ id, at: at.toISOString(), actorId, action, subjectType, subjectId, data, prevHash });
}

/** Appends one entry to the hash-chained audit log, inside the caller's transaction. */
export async function appendAudit(tx: DbOrTx, clock: Clock, entry: AuditEntry): Promise<string> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const row = {
    id: newId('aud', clock),
    at: new Date(Math.floor(clock.now().getTime())),
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    // Round-trip through JSON so the hashed form is exactly what jsonb stores.
    data: toJsonValue<Record<string, unknown>>(entry.data ?? {}),
    prevHash: last?.hash ?? AUDIT_GENESIS_HASH,
  };
  const hash = auditRowHash(row);
  await tx.insert(auditLog).values({ ...row, hash });
  return row.id;
}
