import { sql } from 'drizzle-orm';
import { replayDecision } from '../decision-engine/replay-decision';
import { AuditBreach, rows, type AuditContext } from './audit-breach';

/**
 * Decision records replay: every automated decision recorded since the last call (by its place
 * in the hash chain), so by the end of a run each one has been re-run once and compared.
 */
export class DecisionReplayer {
  private lastSeq = 0n;
  replayed = 0;

  async replayNew(ctx: AuditContext): Promise<number> {
    const fresh = await rows<{ id: string; seq: string }>(ctx.db, sql`
      SELECT d.id, d.seq::text FROM decisions d WHERE d.kind = 'automated' AND d.seq > ${this.lastSeq.toString()}::bigint ORDER BY d.seq`);
    if (fresh.length === 0) return 0;
    const runtime = await ctx.replayRuntime();
    for (const { id, seq } of fresh) {
      const report = await replayDecision(ctx.db, id, runtime);
      if (!report.reproduced) throw new AuditBreach('decision records replay', report);
      this.lastSeq = BigInt(seq);
    }
    this.replayed += fresh.length;
    return fresh.length;
  }
}
