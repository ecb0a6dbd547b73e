import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

export interface StatementItem {
  entryId: bigint;
  transferId: string;
  kind: string;
  phase: string;
  /** available or held */
  account: string;
  direction: 'in' | 'out';
  /** Positive; a pending line releasing a hold shows direction 'in' with pending true. */
  amountFen: bigint;
  pending: boolean;
  at: Date;
}

/**
 * A user's statement: their entries, newest first, paged by entry id (`before` = the last
 * entryId of the previous page).
 */
export async function listUserStatement(db: DbOrTx, userId: string, page: { limit: number; before?: bigint }): Promise<{ items: StatementItem[]; nextBefore: bigint | null }> {
  const limit = Math.min(Math.max(page.limit, 1), 200);
  const rows = (
    await db.execute(sql`
      SELECT e.id, e.transfer_id, t.kind, t.phase, a.purpose, e.is_credit, e.is_pending, e.amount_fen, e.created_at
        FROM ledger_accounts a
        JOIN ledger_entries e ON e.account_id = a.id
        JOIN ledger_transfers t ON t.id = e.transfer_id
       WHERE a.owner_kind = 'user' AND a.owner_id = ${userId}
         ${page.before !== undefined ? sql`AND e.id < ${page.before}` : sql``}
       ORDER BY e.id DESC
       LIMIT ${limit + 1}`)
  ).rows as Array<{ id: bigint; transfer_id: string; kind: string; phase: string; purpose: string; is_credit: boolean; is_pending: boolean; amount_fen: bigint; created_at: Date | string }>;
  const items = rows.slice(0, limit).map((r) => {
    // A credit-normal account: credits bring money in; a negative pending amount releases a hold.
    const inward = r.is_credit !== r.amount_fen < 0n;
    return {
      entryId: r.id,
      transferId: r.transfer_id,
      kind: r.kind,
      phase: r.phase,
      account: r.purpose,
      direction: inward ? ('in' as const) : ('out' as const),
      amountFen: r.amount_fen < 0n ? -r.amount_fen : r.amount_fen,
      pending: r.is_pending,
      at: new Date(r.created_at),
    };
  });
  return { items, nextBefore: rows.length > limit ? items[items.length - 1]!.entryId : null };
}
