import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { bids, listings } from '../../db/schema';
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

export async function heldBidsOfListing(db: DbOrTx, listingId: string) {
  return db.select().from(bids).where(and(eq(bids.listingId, listingId), eq(bids.status, 'held'))).orderBy(asc(bids.id));
}

export async function findListingByApplication(db: DbOrTx, applicationId: string): Promise<Listing | undefined> {
  const [row] = await db.select().from(listings).where(eq(listings.applicationId, applicationId));
  return row;
}
