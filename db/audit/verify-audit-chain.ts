import { asc, gt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { auditLog } from '../schema';
import { AUDIT_GENESIS_HASH, auditRowHash } from './append-audit';

export type AuditVerification =
  | { ok: true; rowsChecked: number; headHash: string }
  | { ok: false; rowsChecked: number; brokenAtSeq: bigint; reason: string };

/** Recomputes every row's hash in order; any edited, removed or reordered row breaks the chain. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5_000): Promise<AuditVerification> {
  let prevHash = AUDIT_GENESIS_HASH;
  let lastSeq = 0n;
  let rowsChecked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(batchSize);
    if (rows.length === 0) return { ok: true, rowsChecked, headHash: prevHash };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, rowsChecked, brokenAtSeq: row.seq, reason: 'previous-hash link does not match the row before it' };
      }
      const expected = auditRowHash({ ...row, prevHash: row.prevHash });
      if (expected !== row.hash) return { ok: false, rowsChecked, brokenAtSeq: row.seq, reason: 'row content does not match its hash' };
      prevHash = row.hash;
      lastSeq = row.seq;
      rowsChecked += 1;
    }
  }
}
