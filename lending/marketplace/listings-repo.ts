import { and, asc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { bids, listings, type ListingStatus } from '../../db/schema';
import { AppError } from '../../kernel/errors';

export type Listing = typeof listings.$inferSelect;

export async function findListing(db: DbOrTx, id: string): Promise<Listing | undefined> {
  const [row] = await db.select().from(listings).where(eq(listings.id, id));
  return row;
}

export async function getListing(db: DbOrTx, id: string): Promise<Listing> {
  const row = await findListing(db, id);
  if (!row) throw new AppError('NOT_FOUND', `no listing ${id}`, { field: 'id' });
  return row;
}

/** Locks listings in id order (the global lock order: listings before ledger accounts). */
export async function lockListings(db: DbOrTx, ids: string[]): Promise<Listing[]> {
  if (ids.length === 0) return [];
  return db.select().from(listings).where(inArray(listings.id, ids)).orderBy(asc(listings.id)).for('update');
}

export interface ListingFilter {
  grades?: string[];
  termMonths?: number[];
  minAprBps?: number;
  maxAprBps?: number;
  minAmountLeftFen?: bigint;
  statuses: ListingStatus[];
  limit: number;
  offset: number;
}

export async function searchListings(db: DbOrTx, filter: ListingFilter): Promise<{ rows: Listing[]; total: number }> {
  const where: SQL[] = [inArray(listings.status, filter.statuses)];
  if (filter.grades?.length) where.push(inArray(listings.grade, filter.grades));
  if (filter.termMonths?.length) where.push(inArray(listings.termMonths, filter.termMonths));
  if (filter.minAprBps !== undefined) where.push(gte(listings.aprBps, filter.minAprBps));
  if (filter.maxAprBps !== undefined) where.push(lte(listings.aprBps, filter.maxAprBps));
  if (filter.minAmountLeftFen !== undefined) where.push(sql`${listings.amountFen} - ${listings.fundedFen} >= ${filter.minAmountLeftFen}`);
  const condition = and(...where);
  const rows = await db.select().from(listings).where(condition).orderBy(asc(listings.closesOn), asc(listings.id)).limit(filter.limit).offset(filter.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(listings).where(condition);
  return { rows, total: count?.n ?? 0 };
}

export async function heldBidsOfListing(db: DbOrTx, listingId: string) {
  return db.select().from(bids).where(and(eq(bids.listingId, listingId), eq(bids.status, 'held'))).orderBy(asc(bids.id));
}

export async function findListingByApplication(db: DbOrTx, applicationId: string): Promise<Listing | undefined> {
  const [row] = await db.select().from(listings).where(eq(listings.applicationId, applicationId));
  return row;
}
