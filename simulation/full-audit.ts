import { addDays, chinaMidnight } from '../kernel/calendar';
import { ledgerPositionsAt, verifyLedger } from '../ledger';
import { AuditBreach, invariantChecker, type AuditContext } from './audit-breach';
import { BOOK_INVARIANTS } from './book-invariants';

/**
 * Every invariant over every row, rebuilt from scratch: the ledger verifier over all entries,
 * the ledger's positions against the bank's own daily statement, and each book invariant
 * unscoped. Run at each month's end and at the end of the run; the daily audit checks only
 * what changed in between.
 */
export async function fullAudit(ctx: AuditContext, businessDate: string): Promise<number> {
  const { db } = ctx;
  const checker = invariantChecker(db);
  const ledger = await verifyLedger(db);
  checker.count();
  if (!ledger.ok) throw new AuditBreach('ledger balanced (debits = credits, balances rebuild from entries)', ledger);

  // Ledger = custodian, per sub-account, at the end of the business day.
  const cutoff = chinaMidnight(addDays(businessDate, 1));
  const [positions, statement] = await Promise.all([ledgerPositionsAt(db, cutoff), ctx.bank.dailyStatement(businessDate)]);
  const bank = new Map(statement.lines.map((l) => [l.accountNo, l]));
  checker.count();
  for (const p of positions) {
    const b = bank.get(p.accountNo);
    if ((b?.closingBalanceFen ?? 0n) !== p.balanceFen || (b?.closingFrozenFen ?? 0n) !== p.frozenFen) {
      throw new AuditBreach('ledger = custodian bank', { accountNo: p.accountNo, ledger: p, bank: b ?? null });
    }
  }
  for (const invariant of BOOK_INVARIANTS) await checker.expectNone(invariant.name, invariant.query({}));
  return checker.checks;
}
