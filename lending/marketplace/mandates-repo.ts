import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
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

/**
 * What each mandate has at stake, from its bids (held or posted); voided bids give budget back.
 * One grouped read for a whole auto-invest run: a mandate's usage changes only by its own bid,
 * and it bids at most once per listing, so the values stay exact for the run.
 */
export async function readMandateUsages(db: DbOrTx, mandateIds: string[], borrowerId: string): Promise<Map<string, MandateUsage>> {
  const usages = new Map<string, MandateUsage>(mandateIds.map((id) => [id, { spentFen: 0n, borrowerFen: 0n }]));
  if (mandateIds.length === 0) return usages;
  const rows = await db
    .select({
      mandateId: bids.mandateId,
      spent: sql<string>`coalesce(sum(${bids.amountFen}), 0)::text`,
      borrower: sql<string>`coalesce(sum(${bids.amountFen}) FILTER (WHERE ${bids.borrowerId} = ${borrowerId}), 0)::text`,
    })
    .from(bids)
    .where(and(inArray(bids.mandateId, mandateIds), inArray(bids.status, ['held', 'posted'])))
    .groupBy(bids.mandateId);
  for (const row of rows) usages.set(row.mandateId!, { spentFen: BigInt(row.spent), borrowerFen: BigInt(row.borrower) });
  return usages;
}

/** Bids mandates already placed on a listing (a resumed run), by mandate id. */
export async function mandateBidsOnListing(db: DbOrTx, listingId: string) {
  const rows = await db.select().from(bids).where(and(eq(bids.listingId, listingId), isNotNull(bids.mandateId)));
  return new Map(rows.map((row) => [row.mandateId!, row]));
}
