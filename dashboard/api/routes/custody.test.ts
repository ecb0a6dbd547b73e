import { describe, expect, it } from 'vitest';
import { custodianFor } from './custody';
import { useTestApi } from '../testing';

const api = useTestApi();

/** The simulated-mode flow the README documents: ask for a code, read it, confirm with it. */
async function authorise(token: string, movement: string, amount: string) {
  const { call } = api.current;
  const challenge = await call('POST', '/api/v1/custody/one-time-codes', { token, body: { movement, amount } });
  expect(challenge.status).toBe(201);
  const sms = await call('GET', `/api/v1/custody/one-time-codes/${challenge.body.challengeId}`, { token });
  expect(sms.status).toBe(200);
  return { challengeId: challenge.body.challengeId as string, oneTimeCode: sms.body.code as string };
}

describe('custody API', () => {
  it('deposits, withdraws and reports balances and a paged statement', async () => {
    const { call, userWithRoles } = api.current;
    const investor = await userWithRoles(['investor'], 'inv');
    const deposit = await call('POST', '/api/v1/custody/deposits', { token: investor.token, headers: { 'idempotency-key': 'dep-key-0001' }, body: { amount: '1234.56', ...(await authorise(investor.token, 'deposit', '1234.56')) } });
    expect(deposit.status).toBe(201);
    expect(deposit.body).toMatchObject({ amount: '1234.56', amountFen: '123456', status: 'created' });
    const replay = await call('POST', '/api/v1/custody/deposits', { token: investor.token, headers: { 'idempotency-key': 'dep-key-0001' }, body: { amount: '1234.56', challengeId: 'x', oneTimeCode: '000000' } });
    expect(replay.status).toBe(200);
    expect(replay.body.transferId).toBe(deposit.body.transferId);

    const withdrawal = await call('POST', '/api/v1/custody/withdrawals', { token: investor.token, headers: { 'idempotency-key': 'wd-key-0001' }, body: { amountFen: '23456', ...(await authorise(investor.token, 'withdrawal', '234.56')) } });
    expect(withdrawal.status).toBe(201);
    const balances = await call('GET', '/api/v1/me/balances', { token: investor.token });
    expect(balances.body).toMatchObject({ available: '1000.00', availableFen: '100000', pendingOut: '0.00', total: '1000.00' });

    const page1 = await call('GET', '/api/v1/me/statement?limit=2', { token: investor.token });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0]).toMatchObject({ kind: 'withdrawal', direction: 'out', amount: '234.56', pending: false });
    const page2 = await call('GET', `/api/v1/me/statement?limit=2&before=${page1.body.nextBefore}`, { token: investor.token });
    // The reservation and its release are pending lines: hold out, release in, then the payout.
    expect(page1.body.items[1]).toMatchObject({ kind: 'withdrawal', direction: 'in', pending: true });
    expect(page2.body.items.map((i: { kind: string; pending: boolean }) => [i.kind, i.pending])).toEqual([['withdrawal', true], ['deposit', false]]);
    expect(page2.body.nextBefore).toBeNull();
  });

  it('names the bad field, refuses floats and wrong codes, and writes nothing', async () => {
    const { call, userWithRoles } = api.current;
    const user = await userWithRoles(['borrower'], 'bad');
    const float = await call('POST', '/api/v1/custody/deposits', { token: user.token, headers: { 'idempotency-key': 'dep-key-bad1' }, body: { amount: 12.5, challengeId: 'c', oneTimeCode: '123456' } });
    expect(float.status).toBe(400);
    expect(float.body.error.details.field).toBe('amount');
    const both = await call('POST', '/api/v1/custody/one-time-codes', { token: user.token, body: { movement: 'deposit', amount: '1.00', amountFen: '100' } });
    expect(both.status).toBe(400);
    const noKey = await call('POST', '/api/v1/custody/deposits', { token: user.token, body: { amount: '1.00', challengeId: 'c', oneTimeCode: '123456' } });
    expect(noKey.status).toBe(400);
    const auth = await authorise(user.token, 'deposit', '50.00');
    const wrong = await call('POST', '/api/v1/custody/deposits', { token: user.token, headers: { 'idempotency-key': 'dep-key-bad2' }, body: { amount: '50.00', challengeId: auth.challengeId, oneTimeCode: auth.oneTimeCode === '999999' ? '000000' : '999999' } });
    expect(wrong.status).toBe(403);
    expect((await call('GET', '/api/v1/me/balances', { token: user.token })).body.totalFen).toBe('0');
    const overdraw = await call('POST', '/api/v1/custody/withdrawals', { token: user.token, headers: { 'idempotency-key': 'wd-key-bad3' }, body: { amount: '1.00', ...(await authorise(user.token, 'withdrawal', '1.00')) } });
    expect(overdraw.status).toBe(422);
    expect(overdraw.body.error.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('shows a code only to the user it was issued to', async () => {
    const { call, userWithRoles } = api.current;
    const alice = await userWithRoles(['investor'], 'alice');
    const bob = await userWithRoles(['investor'], 'bob');
    const challenge = await call('POST', '/api/v1/custody/one-time-codes', { token: alice.token, body: { movement: 'deposit', amountFen: '100' } });
    expect((await call('GET', `/api/v1/custody/one-time-codes/${challenge.body.challengeId}`, { token: bob.token })).status).toBe(404);
  });

  it('lets admins see and resolve reconciliation incidents, and no one else', async () => {
    const { call, userWithRoles, deps, clock } = api.current;
    const admin = await userWithRoles(['admin'], 'admin');
    const investor = await userWithRoles(['investor'], 'recon');
    await call('POST', '/api/v1/custody/deposits', { token: investor.token, headers: { 'idempotency-key': 'dep-key-rec1' }, body: { amount: '10.00', ...(await authorise(investor.token, 'deposit', '10.00')) } });
    const bank = custodianFor(deps);
    const account = await bank.accountByHolder('user', investor.id);
    await bank.bookUnilaterally({ instructionId: 'drill-1', accountNo: account!.accountNo, amountFen: 1n });
    clock.advanceDays(1);
    expect((await call('GET', '/api/v1/admin/reconciliation', { token: investor.token })).status).toBe(403);
    const run = await call('POST', '/api/v1/admin/reconciliation/runs', { token: admin.token, body: { businessDate: '2026-03-02' } });
    expect(run.status).toBe(200);
    expect(run.body.mismatches).toHaveLength(1);
    const view = await call('GET', '/api/v1/admin/reconciliation', { token: admin.token });
    expect(view.body.fundingFrozen).toBe(true);
    const id = view.body.openIncidents[0].id;
    const resolved = await call('POST', `/api/v1/admin/reconciliation/incidents/${id}/resolve`, { token: admin.token, body: { resolution: 'drill booking reversed by the bank' } });
    expect(resolved.status).toBe(200);
    expect((await call('GET', '/api/v1/admin/reconciliation', { token: admin.token })).body.fundingFrozen).toBe(false);
  });
});
