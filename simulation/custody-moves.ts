import { toYuanString } from '../kernel/money';
import type { World } from './world';

/** A deposit or withdrawal through the custodian, with the one-time-code step a person would do. */
export async function moveMoney(world: World, token: string, movement: 'deposit' | 'withdrawal', amountFen: bigint, key: string): Promise<boolean> {
  if (amountFen <= 0n) return true;
  const amount = toYuanString(amountFen);
  const challenge = await world.api('POST', '/api/v1/custody/one-time-codes', { token, body: { movement, amount } });
  const code = await world.api('GET', `/api/v1/custody/one-time-codes/${challenge.body.challengeId}`, { token });
  const path = movement === 'deposit' ? '/api/v1/custody/deposits' : '/api/v1/custody/withdrawals';
  const result = await world.api('POST', path, {
    token,
    idempotencyKey: key,
    body: { amount, challengeId: challenge.body.challengeId, oneTimeCode: code.body.code },
    expect: [200, 201, 422],
  });
  return result.status !== 422;
}
