import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { monitoringAlerts } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { chinaDate } from '../../kernel/calendar';
import { newId } from '../../kernel/ids';
import { evaluateMovementRules, type Movement } from './monitoring-rules';

/**
 * Daily in-loan monitoring: for every active loan, the borrower's withdrawals from their custody
 * account since disbursement (read from the ledger's transfers) go through the monitoring rules;
 * each alert is stored once per loan, rule and business date (`monitoring_alerts`).
 */
export async function scanBorrowerMovements(deps: { db: Db; clock: Clock }): Promise<{ alerts: number }> {
  const now = deps.clock.now();
  const windowKey = chinaDate(now);
  const rows = await deps.db.execute<{ loan_id: string; borrower_id: string; principal_fen: bigint; funded_at: Date; at: Date; amount_fen: bigint; description: string }>(sql`
    SELECT l.id AS loan_id, l.borrower_id, l.principal_fen, l.funded_at, t.created_at AS at, t.amount_fen,
           coalesce(t.metadata->>'description', t.metadata->>'payee', '') AS description
      FROM loans l
      JOIN ledger_accounts a ON a.owner_kind = 'user' AND a.owner_id = l.borrower_id AND a.purpose = 'available'
      JOIN ledger_transfers t ON t.debit_account_id = a.id AND t.kind = 'withdrawal' AND t.created_at >= l.funded_at
     WHERE l.status = 'active' AND t.created_at <= ${now}`);
  const byLoan = new Map<string, { loan: { loanId: string; borrowerId: string; principalFen: bigint; fundedAt: Date }; movements: Movement[] }>();
  for (const r of rows.rows) {
    const entry = byLoan.get(r.loan_id) ?? { loan: { loanId: r.loan_id, borrowerId: r.borrower_id, principalFen: r.principal_fen, fundedAt: new Date(r.funded_at) }, movements: [] };
    entry.movements.push({ at: new Date(r.at), amountFen: r.amount_fen, description: r.description });
    byLoan.set(r.loan_id, entry);
  }
  let count = 0;
  for (const { loan, movements } of byLoan.values()) {
    for (const alert of evaluateMovementRules(loan, movements, now)) {
      const inserted = await deps.db
        .insert(monitoringAlerts)
        .values({ id: newId('mal', deps.clock), loanId: loan.loanId, borrowerId: loan.borrowerId, rule: alert.rule, windowKey, details: alert.details, status: 'open', createdAt: now })
        .onConflictDoNothing()
        .returning({ id: monitoringAlerts.id });
      count += inserted.length;
    }
  }
  return { alerts: count };
}
