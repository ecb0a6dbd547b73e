import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCreditBureau } from '../../../feature-store/credit-bureau';
import { makeResidentId } from '../../../identity/resident-id';
import { sampleApplication } from '../../../decision-engine/testing/stand-in-scorers';
import { replayDecision } from '../../../decision-engine/replay-decision';
import { getDecisionForListing } from '../../../decision-engine/get-decision-for-listing';
import { useTestApi } from '../testing';
import { decisionRuntimeOf } from './applications';

const api = useTestApi('2026-03-02T02:00:00Z');
// Loading the models can train them on a fresh checkout (no cached artifact): do it once, up front.
beforeAll(() => decisionRuntimeOf(api.current.deps), 180_000);
let seq = 100;
const key = () => `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function count(table: string): Promise<number> {
  const res = await api.current.deps.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return res.rows[0]!.n;
}

async function verifiedBorrower(options: { idNumber?: string; label?: string } = {}) {
  const user = await api.current.userWithRoles(['borrower'], options.label ?? 'borrower');
  seq += 1;
  const idNumber = options.idNumber ?? makeResidentId('110105', '1990-05-17', seq);
  const res = await api.current.call('POST', '/api/v1/me/kyc', { token: user.token, headers: { 'idempotency-key': key() }, body: { name: '王小明', idNumber, phone: `138${String(seq).padStart(8, '0')}`, livenessToken: 'ok' } });
  expect(res.status).toBe(201);
  return user;
}

function apply(token: string, body: Record<string, unknown>, idempotencyKey = key()) {
  // One device per applicant, as in life: a shared device is a fraud signal of its own.
  const withDevice = body.device && (body.device as { id: string }).id === sampleApplication().device.id ? { ...body, device: { id: `device-${token.slice(0, 12)}`, ip: '10.9.8.7' } } : body;
  return api.current.call('POST', '/api/v1/applications', { token, body: withDevice, headers: { 'idempotency-key': idempotencyKey } });
}

describe('KYC', () => {
  it('refuses a wrong check digit naming the field, writes nothing, and requires KYC before applying', async () => {
    const { call, userWithRoles } = api.current;
    const user = await userWithRoles(['borrower'], 'nokyc');
    const bad = await call('POST', '/api/v1/me/kyc', { token: user.token, headers: { 'idempotency-key': key() }, body: { name: '李雷', idNumber: '110105194912310021', phone: '13800000000', livenessToken: 'ok' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('idNumber');
    expect(await count('identities')).toBe(0);
    const res = await apply(user.token, sampleApplication());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('KYC_REQUIRED');
    expect(await count('loan_applications')).toBe(0);
  });

  it('verifies, stores personal data only encrypted, and shows it masked', async () => {
    const user = await verifiedBorrower({ idNumber: makeResidentId('440301', '1988-08-08', 21) });
    const rows = await api.current.deps.db.execute<{ id_number_enc: string; name_enc: string }>(sql`SELECT id_number_enc, name_enc FROM identities`);
    expect(JSON.stringify(rows.rows)).not.toMatch(/440301|王小明/);
    const me = await api.current.call('GET', '/api/v1/me/kyc', { token: user.token });
    expect(me.body).toMatchObject({ verified: true, gender: 'male', idNumber: expect.stringMatching(/^4403\*{10}/) });
    const spoof = await api.current.userWithRoles(['borrower'], 'spoof');
    const failed = await api.current.call('POST', '/api/v1/me/kyc', { token: spoof.token, headers: { 'idempotency-key': key() }, body: { name: '张三', idNumber: makeResidentId('440301', '1988-08-08', 23), phone: '13900000001', livenessToken: 'spoof' } });
    expect(failed.status).toBe(422);
    expect(failed.body.failureReason).toBe('LIVENESS_FAILED');
  });
});

describe('applications', () => {
  it('answers malformed bodies with 400 naming the field and writes nothing', async () => {
    const user = await verifiedBorrower();
    const before = { apps: await count('loan_applications'), decisions: await count('decisions') };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: 50000 }, 'amount'],
      [{ amount: '50000.123' }, 'amount'],
      [{ termMonths: 0 }, 'termMonths'],
      [{ repaymentMethod: 'balloon' }, 'repaymentMethod'],
      [{ borrowerType: 'trust' }, 'borrowerType'],
      [{ declaredOtherPlatformOutstanding: undefined }, 'declaredOtherPlatformOutstanding'],
      [{ device: { id: 'short', ip: '10.0.0.1' } }, 'device.id'],
      [{ device: { id: 'device-abcdefgh', ip: 'not-an-ip' } }, 'device.ip'],
      [{ employment: { status: 'employed', occupationClass: 'skilled' } }, 'employment.yearsEmployed'],
    ];
    for (const [patch, field] of cases) {
      const res = await apply(user.token, { ...sampleApplication(), ...patch });
      expect(res.status, field).toBe(400);
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const zero = await apply(user.token, sampleApplication({ amount: '0.00' }));
    expect(zero.status).toBe(400);
    expect(await count('loan_applications')).toBe(before.apps);
    expect(await count('decisions')).toBe(before.decisions);
    expect((await api.current.call('POST', '/api/v1/applications', { token: user.token, body: sampleApplication() })).status).toBe(400);
  });

  it('decides instantly with grade, limit, APR and reasons; replays by Idempotency-Key', async () => {
    const user = await verifiedBorrower();
    const k = key();
    const res = await apply(user.token, sampleApplication({ amount: '20000.00' }), k);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^app_/), decisionId: expect.stringMatching(/^dec_/), outcome: expect.stringMatching(/approved|declined|referred|counter_offer/) });
    expect(res.body.reasons.length).toBeGreaterThanOrEqual(1);
    expect(res.body.reasons.length).toBeLessThanOrEqual(4);
    if (res.body.outcome === 'approved') {
      expect(res.body.grade).toMatch(/^[A-G][1-5]$/);
      expect(res.body.offeredAmount).toBe('20000.00');
      expect(Number(res.body.apr)).toBeLessThanOrEqual(12);
    }
    const again = await apply(user.token, sampleApplication({ amount: '20000.00' }), k);
    expect(again.body).toEqual(res.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const mismatch = await apply(user.token, sampleApplication({ amount: '20001.00' }), k);
    expect(mismatch.status).toBe(422);

    const { call, userWithRoles } = api.current;
    expect((await call('GET', `/api/v1/applications/${res.body.id}`, { token: user.token })).body).toEqual(res.body);
    const stranger = await userWithRoles(['borrower'], 'stranger');
    expect((await call('GET', `/api/v1/applications/${res.body.id}`, { token: stranger.token })).status).toBe(404);
    const analyst = await userWithRoles(['analyst']);
    expect((await call('GET', `/api/v1/applications/${res.body.id}`, { token: analyst.token })).status).toBe(200);
    const mine = await call('GET', '/api/v1/me/applications', { token: user.token });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);

    const listing = await getDecisionForListing(api.current.deps.db, res.body.id);
    expect(listing).toMatchObject({ borrowerId: user.id, termMonths: 12, repaymentMethod: 'equal_installment', outcome: res.body.outcome });

    const runtime = await decisionRuntimeOf(api.current.deps);
    const replay = await replayDecision(api.current.deps.db, res.body.decisionId, runtime);
    expect(replay).toMatchObject({ reproduced: true, modelsRescored: true, differences: [] });
  });

  it('declines a prohibited purpose with the specific reason first', async () => {
    const user = await verifiedBorrower();
    const res = await apply(user.token, sampleApplication({ purpose: 'stocks' }));
    expect(res.body.outcome).toBe('declined');
    expect(res.body.reasons[0]).toMatchObject({ code: 'PROHIBITED_PURPOSE', message: { zh: expect.stringContaining('禁止'), en: expect.stringContaining('prohibited') } });
  });
});

describe('manual review and PIPL 24', () => {
  it('refers missing cross-platform data to the queue, where another analyst decides with a note', async () => {
    // Find an identity the simulated bureau has no file for.
    const bureau = new SimulatedCreditBureau();
    let idNumber = '';
    for (let s = 500; !idNumber; s += 1) {
      const candidate = makeResidentId('310101', '1985-01-01', s);
      if ((await bureau.report(api.current.deps.fieldEncryption.blindIndex(candidate))) === null) idNumber = candidate;
    }
    const user = await verifiedBorrower({ idNumber });
    const res = await apply(user.token, sampleApplication({ declaredOtherPlatformOutstanding: null, amount: '10000.00' }));
    expect(res.body.outcome).toBe('referred');
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toContain('CROSS_PLATFORM_DATA_MISSING');

    const { call, userWithRoles } = api.current;
    const analyst = await userWithRoles(['analyst']);
    const queue = await call('GET', '/api/v1/reviews', { token: analyst.token });
    const item = queue.body.items.find((i: { applicationId: string }) => i.applicationId === res.body.id);
    expect(item).toMatchObject({ kind: 'referral', status: 'open' });
    const decided = await call('POST', `/api/v1/reviews/${item.id}/decide`, { token: analyst.token, headers: { 'idempotency-key': key() }, body: { outcome: 'approved', note: 'Declaration obtained by phone: nothing owed elsewhere' } });
    expect(res.body.grade).toMatch(/^[A-G][1-5]$/);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ outcome: 'approved', decisionKind: 'manual_review', offeredAmount: '10000.00' });
    expect(decided.body.reasons[0].code).toBe('MANUAL_REVIEW_APPROVED');
    const twice = await call('POST', `/api/v1/reviews/${item.id}/decide`, { token: analyst.token, headers: { 'idempotency-key': key() }, body: { outcome: 'declined', note: 'second thoughts here' } });
    expect(twice.status).toBe(409);
  });

  it('records an explanation request and the human re-decision', async () => {
    const user = await verifiedBorrower();
    const res = await apply(user.token, sampleApplication({ purpose: 'futures' }));
    const { call, userWithRoles } = api.current;
    const ask = await call('POST', `/api/v1/applications/${res.body.id}/explanation-request`, { token: user.token, headers: { 'idempotency-key': key() }, body: { note: '我想了解原因' } });
    expect(ask.status).toBe(201);
    expect(ask.body.checksFailed).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'prohibited_purpose', values: [expect.objectContaining({ fact: 'purpose', value: 'futures' })] })]));
    const other = await userWithRoles(['borrower'], 'nosy');
    expect((await call('POST', `/api/v1/applications/${res.body.id}/explanation-request`, { token: other.token, headers: { 'idempotency-key': key() }, body: { note: 'x' } })).status).toBe(404);
    const analyst = await userWithRoles(['analyst']);
    const decided = await call('POST', `/api/v1/reviews/${ask.body.reviewId}/decide`, { token: analyst.token, headers: { 'idempotency-key': key() }, body: { outcome: 'declined', note: 'Futures trading is a prohibited purpose (IM 10)' } });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ outcome: 'declined', decisionKind: 'human_redecision' });
    const done = await call('GET', '/api/v1/reviews?status=decided', { token: analyst.token });
    expect(done.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: ask.body.reviewId, reviewerId: analyst.id, outcome: 'declined', requestNote: '我想了解原因' })]));
  });
});

describe('decision chain', () => {
  it('verifies, refuses updates, and detects tampering', async () => {
    const { call, userWithRoles, deps } = api.current;
    const admin = await userWithRoles(['admin']);
    const ok = await call('GET', '/api/v1/decisions/verify', { token: admin.token });
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.recordsChecked).toBeGreaterThan(3);
    const borrower = await userWithRoles(['borrower']);
    expect((await call('GET', '/api/v1/decisions/verify', { token: borrower.token })).status).toBe(403);
    await expect(deps.db.execute(sql`UPDATE decisions SET outcome = 'approved'`)).rejects.toBeTruthy();
    const client = await (deps.db as unknown as { $client: import('pg').Pool }).$client.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE decisions SET offered_amount_fen = offered_amount_fen + 1 WHERE seq = (SELECT min(seq) + 1 FROM decisions)`);
    } finally {
      await client.query(`SET session_replication_role = origin`);
      client.release();
    }
    const broken = await call('GET', '/api/v1/decisions/verify', { token: admin.token });
    expect(broken.body).toMatchObject({ ok: false, recordsChecked: 1, reason: expect.stringMatching(/content/) });
  });
});
