import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { loanRepayments, notifications, repaymentDistributions, repaymentParts } from '../../db/schema';

/** Writes of one repayment: set-based UPDATE … FROM (VALUES …) so a loan with many investors is one statement. */
export type RepaymentRow = typeof loanRepayments.$inferSelect;

export async function findRepaymentByKey(db: DbOrTx, businessKey: string): Promise<RepaymentRow | undefined> {
  const [row] = await db.select().from(loanRepayments).where(eq(loanRepayments.businessKey, businessKey));
  return row;
}

export async function insertRepayment(db: DbOrTx, row: typeof loanRepayments.$inferInsert): Promise<void> {
  await db.insert(loanRepayments).values(row);
}

export async function insertDistributions(db: DbOrTx, rows: Array<typeof repaymentDistributions.$inferInsert>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(repaymentDistributions).values(rows.slice(i, i + 1000));
}

export async function insertParts(db: DbOrTx, rows: Array<typeof repaymentParts.$inferInsert>): Promise<void> {
  if (rows.length > 0) await db.insert(repaymentParts).values(rows);
}

export async function insertNotifications(db: DbOrTx, rows: Array<typeof notifications.$inferInsert>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(notifications).values(rows.slice(i, i + 1000)).onConflictDoNothing();
}

export interface InstallmentPayment {
  installmentNo: number;
  principalFen: bigint;
  interestFen: bigint;
  feeFen: bigint;
  penaltyFen: bigint;
}

export async function addInstallmentPayments(db: DbOrTx, loanId: string, paidOn: string, rows: InstallmentPayment[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${r.installmentNo}::int, ${r.principalFen}::bigint, ${r.interestFen}::bigint, ${r.feeFen}::bigint, ${r.penaltyFen}::bigint)`), sql`, `);
  await db.execute(sql`
    UPDATE loan_installments i
       SET principal_paid_fen = i.principal_paid_fen + v.p, interest_paid_fen = i.interest_paid_fen + v.i,
           fee_paid_fen = i.fee_paid_fen + v.f, penalty_paid_fen = i.penalty_paid_fen + v.pen,
           settled_on = CASE WHEN i.principal_paid_fen + v.p >= i.principal_fen AND i.interest_paid_fen + v.i >= i.interest_fen
                              AND i.fee_paid_fen + v.f >= i.fee_fen THEN ${paidOn}::date ELSE NULL END
      FROM (VALUES ${values}) AS v(no, p, i, f, pen)
     WHERE i.loan_id = ${loanId} AND i.installment_no = v.no`);
}

export interface SharePayment {
  installmentNo: number;
  investorId: string;
  principalFen: bigint;
  interestFen: bigint;
}

export async function addSharePayments(db: DbOrTx, loanId: string, rows: SharePayment[]): Promise<void> {
  const nonZero = rows.filter((r) => r.principalFen > 0n || r.interestFen > 0n);
  for (let k = 0; k < nonZero.length; k += 1000) {
    const values = sql.join(nonZero.slice(k, k + 1000).map((r) => sql`(${r.installmentNo}::int, ${r.investorId}, ${r.principalFen}::bigint, ${r.interestFen}::bigint)`), sql`, `);
    await db.execute(sql`
      UPDATE installment_shares s SET principal_paid_fen = s.principal_paid_fen + v.p, interest_paid_fen = s.interest_paid_fen + v.i
        FROM (VALUES ${values}) AS v(no, inv, p, i)
       WHERE s.loan_id = ${loanId} AND s.installment_no = v.no AND s.investor_id = v.inv`);
  }
}

export async function addHoldingReceipts(db: DbOrTx, loanId: string, rows: Array<{ investorId: string; principalFen: bigint; interestFen: bigint; penaltyFen: bigint }>): Promise<void> {
  for (let k = 0; k < rows.length; k += 1000) {
    const values = sql.join(rows.slice(k, k + 1000).map((r) => sql`(${r.investorId}, ${r.principalFen}::bigint, ${r.interestFen}::bigint, ${r.penaltyFen}::bigint)`), sql`, `);
    await db.execute(sql`
      UPDATE loan_holdings h
         SET outstanding_principal_fen = h.outstanding_principal_fen - v.p, received_principal_fen = h.received_principal_fen + v.p,
             received_interest_fen = h.received_interest_fen + v.i, received_penalty_fen = h.received_penalty_fen + v.pen
        FROM (VALUES ${values}) AS v(inv, p, i, pen)
       WHERE h.loan_id = ${loanId} AND h.investor_id = v.inv`);
  }
}

/** Recomputes the loan's running totals from its installments (same transaction, loan row locked). */
export async function refreshLoanTotals(db: DbOrTx, loanId: string, paidOn: string): Promise<void> {
  await db.execute(sql`
    UPDATE loans l
       SET principal_outstanding_fen = t.p, interest_outstanding_fen = t.i, oldest_unpaid_due_date = t.oldest,
           status = CASE WHEN t.oldest IS NULL AND l.status = 'active' THEN 'repaid' ELSE l.status END,
           closed_on = CASE WHEN t.oldest IS NULL AND l.closed_on IS NULL THEN ${paidOn}::date ELSE l.closed_on END
      FROM (SELECT sum(principal_fen - principal_paid_fen) AS p, sum(interest_fen - interest_paid_fen) AS i,
                   min(due_date) FILTER (WHERE settled_on IS NULL) AS oldest
              FROM loan_installments WHERE loan_id = ${loanId}) t
     WHERE l.id = ${loanId}`);
}
