import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { disclosureOpenings, investorProfiles, relatedParties } from '../../db/schema';

export type InvestorProfile = typeof investorProfiles.$inferSelect;

export async function findInvestorProfile(db: DbOrTx, userId: string): Promise<InvestorProfile | undefined> {
  const [row] = await db.select().from(investorProfiles).where(eq(investorProfiles.userId, userId));
  return row;
}

export async function upsertInvestorProfile(db: DbOrTx, row: typeof investorProfiles.$inferInsert): Promise<void> {
  const { userId: _userId, ...update } = row;
  await db.insert(investorProfiles).values(row).onConflictDoUpdate({ target: investorProfiles.userId, set: update });
}

export async function hasOpenedDisclosures(db: DbOrTx, listingId: string, investorId: string): Promise<boolean> {
  const [row] = await db
    .select({ at: disclosureOpenings.openedAt })
    .from(disclosureOpenings)
    .where(and(eq(disclosureOpenings.listingId, listingId), eq(disclosureOpenings.investorId, investorId)));
  return !!row;
}

export async function isRelatedParty(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: relatedParties.userId }).from(relatedParties).where(eq(relatedParties.userId, userId));
  return !!row;
}

export interface InvestorExposure {
  /** Everything the investor has at stake: open bid holds + outstanding principal of loans held. */
  totalFen: bigint;
  byListingFen: Map<string, bigint>;
  byBorrowerFen: Map<string, bigint>;
}

/**
 * Exposure of investors: open holds by (listing, borrower) and outstanding principal of loans
 * held, as rows for foldInvestorExposure (marketplace_investor_exposure, db/sql/30-marketplace.sql).
 * The function reads with a fresh snapshot, so called after the investors' ledger accounts are
 * locked in the same statement (openBidBatch) it is exact even if the statement waited for a lock.
 */
export function investorExposureRowsSql(investorIds: string[]): SQL {
  return sql`SELECT investor_id, listing_id, borrower_id, fen FROM marketplace_investor_exposure(${sql.param(investorIds)}::text[])`;
}

export interface InvestorExposureRow {
  investor_id: string;
  listing_id: string | null;
  borrower_id: string | null;
  fen: bigint | string;
}

export function foldInvestorExposure(investorIds: string[], rows: readonly InvestorExposureRow[]): Map<string, InvestorExposure> {
  const out = new Map<string, InvestorExposure>();
  for (const id of investorIds) out.set(id, { totalFen: 0n, byListingFen: new Map(), byBorrowerFen: new Map() });
  for (const row of rows) {
    const e = out.get(row.investor_id)!;
    const fen = BigInt(row.fen);
    e.totalFen += fen;
    if (row.listing_id === null || row.borrower_id === null) continue;
    e.byListingFen.set(row.listing_id, (e.byListingFen.get(row.listing_id) ?? 0n) + fen);
    e.byBorrowerFen.set(row.borrower_id, (e.byBorrowerFen.get(row.borrower_id) ?? 0n) + fen);
  }
  return out;
}
