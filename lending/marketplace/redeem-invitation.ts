import { z } from 'zod';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { invitationRedemptions } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { toYuanString } from '../../kernel/money';
import { findInvitationCode, findRedemption, hasMarketplaceActivity, type InvitationRedemption } from './invitations-repo';

export const invitationCodeSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/i, 'an invitation code is 8 letters and digits');

export function redemptionView(r: InvitationRedemption) {
  return {
    code: r.code,
    inviteeId: r.inviteeId,
    reward: toYuanString(r.rewardFen),
    rewardFen: r.rewardFen.toString(),
    redeemedAt: r.redeemedAt.toISOString(),
    rewardStatus: r.rewardedAt ? ('paid' as const) : ('pending_first_disbursement' as const),
    rewardedAt: r.rewardedAt?.toISOString() ?? null,
  };
}

/**
 * A new user redeems an invitation code, at sign-up (auth can call this) or right after. One
 * redemption per invitee ever (primary key): the same code again returns the first redemption;
 * another code is refused. Only before the user's first bid or listing, never one's own code.
 */
export async function redeemInvitation(deps: { db: Db; clock: Clock }, input: { inviteeId: string; code: string }) {
  const code = invitationCodeSchema.parse(input.code).toUpperCase();
  const invitation = await findInvitationCode(deps.db, code);
  if (!invitation) throw new AppError('NOT_FOUND', `no invitation code ${code}`, { field: 'code' });
  const existing = await findRedemption(deps.db, input.inviteeId);
  if (existing) {
    if (existing.code === code) return redemptionView(existing);
    throw new AppError('CONFLICT', 'you have already redeemed another invitation code', { field: 'code' });
  }
  if (invitation.inviterId === input.inviteeId) throw new AppError('BUSINESS_RULE', 'you cannot redeem your own invitation code', { field: 'code', reason: 'OWN_CODE' });
  if (await hasMarketplaceActivity(deps.db, input.inviteeId)) {
    throw new AppError('BUSINESS_RULE', 'invitation codes are for new customers, before their first bid or listing', { field: 'code', reason: 'NOT_NEW_CUSTOMER' });
  }
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitationRedemptions)
      .values({ inviteeId: input.inviteeId, code, inviterId: invitation.inviterId, rewardFen: invitation.rewardFen, redeemedAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const first = (await findRedemption(tx, input.inviteeId))!;
      if (first.code !== code) throw new AppError('CONFLICT', 'you have already redeemed another invitation code', { field: 'code' });
      return redemptionView(first);
    }
    await appendAudit(tx, deps.clock, { actorId: input.inviteeId, action: 'invitation.redeemed', subjectType: 'user', subjectId: input.inviteeId, data: { code, inviterId: invitation.inviterId } });
    return redemptionView(row);
  });
}
