import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { autoInvestMandates, bids } from '../../db/schema';
import type { MandateUsage } from './auto-invest-policy';

export type Mandate = typeof autoInvestMandates.$inferSelect;

export async function insertMandate(db: DbOrTx, row: typeof autoInvestMandates.$inferInsert): Promise<Mandate> {
  const [inserted] = await db.insert(autoInvestMandates).values(row).returning();
  return inserted!;
}

/** The investor's own mandate (another investor's id reads as absent). */
export async function findOwnMandate(db: DbOrTx, investorId: string, mandateId: string, options: { lock?: boolean } = {}): Promise<Mandate | undefined> {
  const query = db.select().from(autoInvestMandates).where(and(eq(autoInvestMandates.id, mandateId), eq(autoInvestMandates.investorId, investorId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function mandatesOf(db: DbOrTx, investorId: string): Promise<Mandate[]> {
  return db.select().from(autoInvestMandates).where(eq(autoInvestMandates.investorId, investorId)).orderBy(desc(autoInvestMandates.createdAt), desc(autoInvestMandates.id));
}

/**
 * Active mandates in the fair serving order (see servingOrder), locked for the run so a
 * revocation or change waits for the run in progress and applies to every later one.
 */
export async function lockActiveMandatesInServingOrder(tx: DbOrTx): Promise<Mandate[]> {
  return tx
    .select()
    .from(autoInvestMandates)
    .where(eq(autoInvestMandates.status, 'active'))
    .orderBy(sql`${autoInvestMandates.lastServedAt} ASC NULLS FIRST`, asc(autoInvestMandates.id))
    .for('update');
}

/** What a mandate has at stake, from its bids (held or posted); voided bids give budget back. */
export async function readMandateUsage(db: DbOrTx, mandateId: string, borrowerId: string): Promise<MandateUsage> {
  const [row] = await db
    .select({
      spent: sql<string>`coalesce(sum(${bids.amountFen}), 0)::text`,
      borrower: sql<string>`coalesce(sum(${bids.amountFen}) FILTER (WHERE ${bids.borrowerId} = ${borrowerId}), 0)::text`,
    })
    .from(bids)
    .where(and(eq(bids.mandateId, mandateId), inArray(bids.status, ['held', 'posted'])));
  return { spentFen: BigInt(row?.spent ?? '0'), borrowerFen: BigInt(row?.borrower ?? '0') };
}

export async function findMandateBid(db: DbOrTx, mandateId: string, listingId: string) {
  const [row] = await db.select().from(bids).where(and(eq(bids.mandateId, mandateId), eq(bids.listingId, listingId)));
  return row;
}
