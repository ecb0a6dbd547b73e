import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client';
import { withIdempotency } from '../../db/idempotency';
import { invitationCodes } from '../../db/schema';
import { isVerified } from '../../identity/identity-repo';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { toYuanString } from '../../kernel/money';
import type { MarketplaceConfig } from './config';

/** Crockford base32 without I, L, O, U: codes are read aloud and typed by hand. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newInvitationCode(length = 8): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * A verified user creates an invitation code. The reward amount is fixed when the code is made
 * (config.invitationRewardFen) and is paid later from the platform's marketing account (see
 * payInvitationRewards). Idempotent through the Idempotency-Key.
 */
export async function createInvitationCode(deps: { db: Db; clock: Clock; marketplace: MarketplaceConfig }, input: { inviterId: string; idempotencyKey: string }) {
  if (!(await isVerified(deps.db, input.inviterId))) throw new AppError('KYC_REQUIRED', 'complete real-name verification before inviting others');
  return withIdempotency(deps.db, deps.clock, { scope: `invitation:${input.inviterId}`, key: input.idempotencyKey, request: {} }, async (tx) => {
    const code = newInvitationCode();
    await tx.insert(invitationCodes).values({ code, inviterId: input.inviterId, rewardFen: deps.marketplace.invitationRewardFen, createdAt: deps.clock.now() });
    const rewardFen = deps.marketplace.invitationRewardFen;
    return { status: 201, body: { code, reward: toYuanString(rewardFen), rewardFen: rewardFen.toString() } };
  });
}
