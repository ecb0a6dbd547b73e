import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { installmentShares, loanHoldings, loanInstallments, loans } from '../../db/schema';

/** Repository functions for loans and their schedule rows; callers pass the db or a transaction. */
export type LoanRow = typeof loans.$inferSelect;
export type InstallmentRow = typeof loanInstallments.$inferSelect;
export type HoldingRow = typeof loanHoldings.$inferSelect;
export type ShareRow = typeof installmentShares.$inferSelect;

const CHUNK = 1_000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function insertLoanIfAbsent(db: DbOrTx, row: typeof loans.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(loans).values(row).onConflictDoNothing({ target: loans.listingId }).returning({ id: loans.id });
  return inserted.length > 0;
}

export async function insertInstallments(db: DbOrTx, rows: Array<typeof loanInstallments.$inferInsert>): Promise<void> {
  await insertChunked(rows, (chunk) => db.insert(loanInstallments).values(chunk));
}

export async function insertHoldings(db: DbOrTx, rows: Array<typeof loanHoldings.$inferInsert>): Promise<void> {
  await insertChunked(rows, (chunk) => db.insert(loanHoldings).values(chunk));
}

export async function insertShares(db: DbOrTx, rows: Array<typeof installmentShares.$inferInsert>): Promise<void> {
  await insertChunked(rows, (chunk) => db.insert(installmentShares).values(chunk));
}

export async function findLoanByListing(db: DbOrTx, listingId: string): Promise<LoanRow | undefined> {
  const [row] = await db.select().from(loans).where(eq(loans.listingId, listingId));
  return row;
}

export async function findLoan(db: DbOrTx, loanId: string): Promise<LoanRow | undefined> {
  const [row] = await db.select().from(loans).where(eq(loans.id, loanId));
  return row;
}

/** Locks the loan row for the rest of the transaction: payments on one loan are serialised. */
export async function lockLoan(db: DbOrTx, loanId: string): Promise<LoanRow | undefined> {
  const [row] = await db.select().from(loans).where(eq(loans.id, loanId)).for('update');
  return row;
}

export async function listInstallments(db: DbOrTx, loanId: string): Promise<InstallmentRow[]> {
  return db.select().from(loanInstallments).where(eq(loanInstallments.loanId, loanId)).orderBy(asc(loanInstallments.installmentNo));
}

export async function listHoldings(db: DbOrTx, loanId: string): Promise<HoldingRow[]> {
  return db.select().from(loanHoldings).where(eq(loanHoldings.loanId, loanId)).orderBy(asc(loanHoldings.investorId));
}

export async function listShares(db: DbOrTx, loanId: string, installmentNo?: number): Promise<ShareRow[]> {
  const where = installmentNo === undefined ? eq(installmentShares.loanId, loanId) : and(eq(installmentShares.loanId, loanId), eq(installmentShares.installmentNo, installmentNo));
  return db.select().from(installmentShares).where(where).orderBy(asc(installmentShares.installmentNo), asc(installmentShares.investorId));
}
