import { and, asc, desc, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { listings, type ListingStatus } from '../../db/schema';
import type { Listing } from './listings-repo';

/**
 * What investors can sort the marketplace by: a field of the listing summary, ascending, or
 * descending with a leading "-". Sorting happens in the query so that paging walks one order
 * across all pages (sorting a page in the browser reorders only those 20 rows).
 */
export const LISTING_SORT_FIELDS = ['apr', 'grade', 'term', 'amountLeft', 'fundedShare', 'openedAt', 'closesOn'] as const;
export type ListingSortField = (typeof LISTING_SORT_FIELDS)[number];
export const LISTING_SORTS = ['apr', '-apr', 'grade', '-grade', 'term', '-term', 'amountLeft', '-amountLeft', 'fundedShare', '-fundedShare', 'openedAt', '-openedAt', 'closesOn', '-closesOn'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];
/** Closing soonest first: what needs money now (the order before sorting was offered). */
export const DEFAULT_LISTING_SORT: ListingSort = 'closesOn';

const sortColumn: Record<ListingSortField, SQL> = {
  apr: sql`${listings.aprBps}`,
  // Sub-grades "A1" … "G5" sort by letter, then digit: plain text order is risk order.
  grade: sql`${listings.grade}`,
  term: sql`${listings.termMonths}`,
  amountLeft: sql`(${listings.amountFen} - ${listings.fundedFen})`,
  // The same rounded-down basis points the summary shows, so equal bars tie and fall back to id.
  fundedShare: sql`(CASE WHEN ${listings.amountFen} = 0 THEN 0 ELSE (${listings.fundedFen} * 10000) / ${listings.amountFen} END)`,
  openedAt: sql`${listings.openedAt}`,
  closesOn: sql`${listings.closesOn}`,
};

export interface ListingFilter {
  grades?: string[];
  termMonths?: number[];
  minAprBps?: number;
  maxAprBps?: number;
  minAmountLeftFen?: bigint;
  statuses: ListingStatus[];
  sort?: ListingSort;
  limit: number;
  offset: number;
}

/** ORDER BY for a sort: the field, then the id so that ties keep one order from page to page. */
export function listingOrder(sort: ListingSort): SQL[] {
  const descending = sort.startsWith('-');
  const column = sortColumn[(descending ? sort.slice(1) : sort) as ListingSortField];
  return [descending ? desc(column) : asc(column), asc(listings.id)];
}

export async function searchListings(db: DbOrTx, filter: ListingFilter): Promise<{ rows: Listing[]; total: number }> {
  const where: SQL[] = [inArray(listings.status, filter.statuses)];
  if (filter.grades?.length) where.push(inArray(listings.grade, filter.grades));
  if (filter.termMonths?.length) where.push(inArray(listings.termMonths, filter.termMonths));
  if (filter.minAprBps !== undefined) where.push(gte(listings.aprBps, filter.minAprBps));
  if (filter.maxAprBps !== undefined) where.push(lte(listings.aprBps, filter.maxAprBps));
  if (filter.minAmountLeftFen !== undefined) where.push(sql`${listings.amountFen} - ${listings.fundedFen} >= ${filter.minAmountLeftFen}`);
  const condition = and(...where);
  const rows = await db
    .select()
    .from(listings)
    .where(condition)
    .orderBy(...listingOrder(filter.sort ?? DEFAULT_LISTING_SORT))
    .limit(filter.limit)
    .offset(filter.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(listings).where(condition);
  return { rows, total: count?.n ?? 0 };
}
