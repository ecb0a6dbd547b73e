import { asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { bids, listings, relatedParties } from '../../db/schema';
import { toYuanString } from '../../kernel/money';

/**
 * Item 4's separate report: every recorded related party, the listings flagged as theirs
 * (borrowed before they were recorded, or flagged since), and any bid they placed. After a
 * party is recorded the platform refuses both, so new rows here mean a gate was bypassed.
 */
export async function relatedPartyReport(db: DbOrTx) {
  const parties = await db.select().from(relatedParties).orderBy(asc(relatedParties.recordedAt), asc(relatedParties.userId));
  const ids = parties.map((p) => p.userId);
  const flagged = await db
    .select()
    .from(listings)
    .where(ids.length ? or(eq(listings.relatedParty, true), inArray(listings.borrowerId, ids)) : eq(listings.relatedParty, true))
    .orderBy(desc(listings.openedAt));
  const partyBids = ids.length ? await db.select().from(bids).where(inArray(bids.investorId, ids)).orderBy(desc(bids.createdAt)) : [];
  return {
    relatedParties: parties.map((p) => ({ userId: p.userId, relation: p.relation, recordedBy: p.recordedBy, recordedAt: p.recordedAt.toISOString() })),
    listings: flagged.map((l) => ({ id: l.id, borrowerId: l.borrowerId, status: l.status, grade: l.grade, amount: toYuanString(l.amountFen), amountFen: l.amountFen.toString(), openedAt: l.openedAt.toISOString() })),
    bids: partyBids.map((b) => ({ id: b.id, listingId: b.listingId, investorId: b.investorId, status: b.status, amount: toYuanString(b.amountFen), amountFen: b.amountFen.toString(), createdAt: b.createdAt.toISOString() })),
    totals: {
      listings: flagged.length,
      listedFen: flagged.reduce((a, l) => a + l.amountFen, 0n).toString(),
      bids: partyBids.length,
      bidFen: partyBids.reduce((a, b) => a + b.amountFen, 0n).toString(),
    },
  };
}
