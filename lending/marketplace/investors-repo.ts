import { and, eq, sql } from 'drizzle-orm';
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
 * Exposure of investors, read inside the bid transaction after their ledger accounts are locked,
 * so it is exact. Posted bids have become loan holdings (servicing), so only held bids count here.
 */
export async function readInvestorExposure(db: DbOrTx, investorIds: string[]): Promise<Map<string, InvestorExposure>> {
  const out = new Map<string, InvestorExposure>();
  if (investorIds.length === 0) return out;
  for (const id of investorIds) out.set(id, { totalFen: 0n, byListingFen: new Map(), byBorrowerFen: new Map() });
  // One round trip: open holds by (listing, borrower), and outstanding principal of loans held.
  const ids = sql.join(investorIds.map((id) => sql`${id}`), sql`, `);
  const result = await db.execute(sql`
    SELECT investor_id, listing_id, borrower_id, sum(amount_fen)::bigint AS fen FROM bids
     WHERE investor_id IN (${ids}) AND status = 'held' GROUP BY investor_id, listing_id, borrower_id
    UNION ALL
    SELECT investor_id, NULL, NULL, sum(outstanding_principal_fen)::bigint FROM loan_holdings
     WHERE investor_id IN (${ids}) GROUP BY investor_id`);
  for (const row of result.rows as Array<{ investor_id: string; listing_id: string | null; borrower_id: string | null; fen: bigint }>) {
    const e = out.get(row.investor_id)!;
    e.totalFen += row.fen;
    if (row.listing_id === null || row.borrower_id === null) continue;
    e.byListingFen.set(row.listing_id, (e.byListingFen.get(row.listing_id) ?? 0n) + row.fen);
    e.byBorrowerFen.set(row.borrower_id, (e.byBorrowerFen.get(row.borrower_id) ?? 0n) + row.fen);
  }
  return out;
}
