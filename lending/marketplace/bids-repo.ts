import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { bids, contracts, listings } from '../../db/schema';
import { toYuanString } from '../../kernel/money';

export type Bid = typeof bids.$inferSelect;

export function bidView(b: Bid, listing?: { title: string; grade: string; status: string; aprBps: number; termMonths: number }) {
  return {
    id: b.id,
    listingId: b.listingId,
    requested: toYuanString(b.requestedFen),
    requestedFen: b.requestedFen.toString(),
    amount: toYuanString(b.amountFen),
    amountFen: b.amountFen.toString(),
    status: b.status,
    source: b.source,
    mandateId: b.mandateId,
    holdTransferId: b.holdTransferId,
    createdAt: b.createdAt.toISOString(),
    // Auto-invest bids deliver the listing's disclosures here (item 16 through the mandate).
    disclosuresUrl: `/api/v1/listings/${b.listingId}/disclosures`,
    ...(listing ? { listing } : {}),
  };
}

export async function findBid(db: DbOrTx, bidId: string): Promise<Bid | undefined> {
  const [row] = await db.select().from(bids).where(eq(bids.id, bidId));
  return row;
}

export async function bidsOfInvestor(db: DbOrTx, investorId: string, page: { limit: number; offset: number; status?: Bid['status'] }) {
  const where = and(eq(bids.investorId, investorId), page.status ? eq(bids.status, page.status) : undefined);
  const rows = await db
    .select({ bid: bids, listing: { title: listings.title, grade: listings.grade, status: listings.status, aprBps: listings.aprBps, termMonths: listings.termMonths } })
    .from(bids)
    .innerJoin(listings, eq(listings.id, bids.listingId))
    .where(where)
    .orderBy(desc(bids.createdAt), desc(bids.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(bids).where(where);
  return { rows, total: count?.n ?? 0 };
}

/** A contract with its parties: the listing's borrower and every investor whose bid is in it. */
export async function findContractWithParties(db: DbOrTx, contractId: string) {
  const [row] = await db.select({ contract: contracts, borrowerId: listings.borrowerId }).from(contracts).innerJoin(listings, eq(listings.id, contracts.listingId)).where(eq(contracts.id, contractId));
  if (!row) return undefined;
  const investors = await db
    .selectDistinct({ investorId: bids.investorId })
    .from(bids)
    .where(and(eq(bids.listingId, row.contract.listingId), inArray(bids.status, ['held', 'posted'])));
  return { contract: row.contract, borrowerId: row.borrowerId, investorIds: investors.map((i) => i.investorId) };
}

/** Contracts the user is a party to (as borrower or as lender), newest first. */
export async function contractsOfUser(db: DbOrTx, userId: string) {
  const result = await db.execute(sql`
    SELECT c.id, c.listing_id, c.sha256, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at, l.title, l.amount_fen::text AS amount_fen,
           CASE WHEN l.borrower_id = ${userId} THEN 'borrower' ELSE 'investor' END AS role,
           cc.contract_id IS NOT NULL AS consented
      FROM contracts c JOIN listings l ON l.id = c.listing_id
      -- At most one consent per (contract, party): its primary key, probed per contract.
      LEFT JOIN contract_consents cc ON cc.contract_id = c.id AND cc.party_id = ${userId}
     -- The user's listings and the listings they hold bids in, each by its index: a test per
     -- contract (an OR across the join) reads every contract on every call.
     WHERE c.listing_id IN (SELECT id FROM listings WHERE borrower_id = ${userId}
                            UNION SELECT listing_id FROM bids WHERE investor_id = ${userId} AND status IN ('held', 'posted'))
     ORDER BY c.created_at DESC, c.id DESC`);
  return (result.rows as Array<{ id: string; listing_id: string; sha256: string; created_at: string; title: string; amount_fen: string; role: 'borrower' | 'investor'; consented: boolean }>).map((r) => ({
    id: r.id,
    listingId: r.listing_id,
    title: r.title,
    role: r.role,
    sha256: r.sha256,
    principal: toYuanString(BigInt(r.amount_fen)),
    principalFen: r.amount_fen,
    consented: r.consented,
    createdAt: r.created_at,
  }));
}
