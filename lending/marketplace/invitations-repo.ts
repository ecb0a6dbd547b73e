import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { invitationCodes, invitationRedemptions } from '../../db/schema';

export type InvitationRedemption = typeof invitationRedemptions.$inferSelect;

export async function findInvitationCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(invitationCodes).where(eq(invitationCodes.code, code));
  return row;
}

export async function findRedemption(db: DbOrTx, inviteeId: string): Promise<InvitationRedemption | undefined> {
  const [row] = await db.select().from(invitationRedemptions).where(eq(invitationRedemptions.inviteeId, inviteeId));
  return row;
}

export async function invitationsOf(db: DbOrTx, inviterId: string) {
  const codes = await db.select().from(invitationCodes).where(eq(invitationCodes.inviterId, inviterId)).orderBy(desc(invitationCodes.createdAt));
  const redemptions = await db.select().from(invitationRedemptions).where(eq(invitationRedemptions.inviterId, inviterId)).orderBy(desc(invitationRedemptions.redeemedAt));
  return { codes, redemptions };
}

/** Unpaid redemptions of these invitees, locked (the reward is paid exactly once). */
export async function lockUnpaidRedemptions(db: DbOrTx, inviteeIds: string[]): Promise<InvitationRedemption[]> {
  if (inviteeIds.length === 0) return [];
  return db
    .select()
    .from(invitationRedemptions)
    .where(and(inArray(invitationRedemptions.inviteeId, inviteeIds), isNull(invitationRedemptions.rewardedAt)))
    .orderBy(invitationRedemptions.inviteeId)
    .for('update');
}

/** A user who has already bid or listed is not a new customer any more: too late to redeem. */
export async function hasMarketplaceActivity(db: DbOrTx, userId: string): Promise<boolean> {
  const result = await db.execute(sql`SELECT EXISTS (SELECT 1 FROM bids WHERE investor_id = ${userId}) OR EXISTS (SELECT 1 FROM listings WHERE borrower_id = ${userId}) AS active`);
  return (result.rows[0] as { active: boolean }).active;
}
