import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

export interface LedgerPosition {
  accountNo: string;
  /** What the sub-account holds, by the ledger (every mirrored account is credit-normal). */
  balanceFen: bigint;
  /** What the bank should have frozen: user:held plus open holds the bank was told about. */
  frozenFen: bigint;
}

/**
 * The ledger's view of every custody sub-account at `cutoff`, rebuilt from entries (not from
 * the running balances), so it can be taken for any past day. Holds with custody 'direct'
 * (a withdrawal being paid out) are the ledger's own reservations and are not frozen at the bank.
 */
export async function ledgerPositionsAt(db: DbOrTx, cutoff: Date): Promise<LedgerPosition[]> {
  const rows = (
    await db.execute(sql`
      SELECT a.bank_account_no AS account_no,
             coalesce(sum(CASE WHEN e.is_credit THEN e.amount_fen ELSE -e.amount_fen END) FILTER (WHERE NOT e.is_pending), 0)::bigint AS balance,
             (coalesce(sum(CASE WHEN e.is_credit THEN e.amount_fen ELSE -e.amount_fen END) FILTER (WHERE NOT e.is_pending AND a.purpose = 'held'), 0)
              + coalesce(sum(e.amount_fen) FILTER (WHERE e.is_pending AND NOT e.is_credit AND t.custody = 'outbox'), 0))::bigint AS frozen
        FROM ledger_accounts a
        LEFT JOIN ledger_entries e ON e.account_id = a.id AND e.created_at < ${cutoff}
        LEFT JOIN ledger_transfers t ON e.is_pending AND t.id = e.transfer_id
       WHERE a.bank_account_no IS NOT NULL
       GROUP BY a.bank_account_no`)
  ).rows as Array<{ account_no: string; balance: bigint; frozen: bigint }>;
  return rows.map((r) => ({ accountNo: r.account_no, balanceFen: r.balance, frozenFen: r.frozen }));
}
