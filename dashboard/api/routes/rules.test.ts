import { beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '../../../identity/resident-id';
import { seedDecision } from '../../../lending/marketplace/testing/seed-decision';
import { defaultRuleSet } from '../../../rules/default-rule-sets';
import { useTestApi } from '../testing';
import { decisionRuntimeOf } from './applications';

const api = useTestApi('2026-03-02T02:00:00Z');
// Loading the models can train them on a fresh checkout (no cached artifact): do it once, up front.
beforeAll(() => decisionRuntimeOf(api.current.deps), 180_000);
const key = () => `k-${Math.random().toString(36).slice(2)}-${Date.now()}`;

describe('rule-set lifecycle', () => {
  it('validates drafts naming the JSON path, enforces maker-checker, publishes live and shadow, backtests', async () => {
    const { call, userWithRoles } = api.current;
    const maker = await userWithRoles(['analyst'], 'maker');
    const checker = await userWithRoles(['analyst'], 'checker');
    const borrower = await userWithRoles(['borrower']);

    const list = await call('GET', '/api/v1/rule-sets', { token: maker.token });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['rs_policy_v1', 'rs_fraud_v1']));
    expect((await call('GET', '/api/v1/rule-sets', { token: borrower.token })).status).toBe(403);

    const broken = defaultRuleSet('policy');
    (broken.rules[3]!.conditions as { any: Array<{ fact: string }> }).any[1]!.fact = 'age_yeras';
    const bad = await call('POST', '/api/v1/rule-sets', { token: maker.token, headers: { 'idempotency-key': key() }, body: { definition: broken } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('definition.rules.3.conditions.any.1.fact');
    const before = (await call('GET', '/api/v1/rule-sets', { token: maker.token })).body.items.length;

    // A stricter age policy: 18–55.
    const stricter = defaultRuleSet('policy');
    stricter.name = 'policy-age-55';
    (stricter.rules[3]!.conditions as { any: Array<{ value: number }> }).any[1]!.value = 55;
    const draft = await call('POST', '/api/v1/rule-sets', { token: maker.token, headers: { 'idempotency-key': key() }, body: { definition: stricter } });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ id: 'rs_policy_v2', status: 'draft' });
    expect((await call('GET', '/api/v1/rule-sets', { token: maker.token })).body.items.length).toBe(before + 1);

    const self = await call('POST', '/api/v1/rule-sets/rs_policy_v2/approve', { token: maker.token, body: { deployment: 'shadow' } });
    expect(self.status).toBe(403);
    const shadow = await call('POST', '/api/v1/rule-sets/rs_policy_v2/approve', { token: checker.token, body: { deployment: 'shadow' } });
    expect(shadow.body).toMatchObject({ status: 'published', deployment: 'shadow', approvedBy: checker.id });

    // A 58-year-old: approved by the live set, declined by the shadow set (recorded only).
    const kyc = await call('POST', '/api/v1/me/kyc', { token: borrower.token, headers: { 'idempotency-key': key() }, body: { name: '周老五', idNumber: makeResidentId('110105', '1968-03-01', 3), phone: '13600000001', livenessToken: 'ok' } });
    expect(kyc.status).toBe(201);
    const application = {
      amount: '10000.00', termMonths: 12, purpose: 'repairs', repaymentMethod: 'equal_installment', borrowerType: 'individual', monthlyIncome: '20000.00', monthlyDebtPayments: '0.00', declaredOtherPlatformOutstanding: '0.00',
      employment: { status: 'employed', occupationClass: 'skilled', yearsEmployed: 10 }, housing: { status: 'own', yearsAtAddress: 10 }, checkingBalanceBand: 'ge_200', savingsBalanceBand: 'ge_1000',
      mostValuableAsset: 'real_estate', guarantor: 'none', dependents: 0, nonLocalWorker: false, device: { id: 'rules-test-device-1', ip: '10.0.0.9' },
    };
    const res = await call('POST', '/api/v1/applications', { token: borrower.token, headers: { 'idempotency-key': key() }, body: application });
    expect(res.status).toBe(201);
    expect(res.body.reasons.map((r: { code: string }) => r.code)).not.toContain('AGE_OUT_OF_RANGE');
    const comparison = await call('GET', '/api/v1/rule-sets/shadow-comparison', { token: checker.token });
    expect(comparison.body.items).toEqual([expect.objectContaining({ policyRuleSetId: 'rs_policy_v2', decisions: 1, transitions: { [`${res.body.outcome}->declined`]: 1 } })]);

    const backtest = await call('POST', '/api/v1/rule-sets/rs_policy_v2/backtest', { token: maker.token, body: {} });
    expect(backtest.body).toMatchObject({ records: 1, changed: res.body.outcome === 'declined' ? 0 : 1, candidate: { outcomes: { declined: 1 } }, skipped: { count: 0, applicationIds: [] } });
    // A stored decision without model scores (as a fixture or an import writes it) is skipped and named, not a 500.
    const unscored = await seedDecision(api.current.deps.db, api.current.deps.clock, { borrowerId: `usr_unscored_${Date.now()}`, outcome: 'approved' });
    const withUnscored = await call('POST', '/api/v1/rule-sets/rs_policy_v2/backtest', { token: maker.token, body: {} });
    expect(withUnscored.status).toBe(200);
    expect(withUnscored.body).toMatchObject({ records: 1, changed: backtest.body.changed, skipped: { count: 1, applicationIds: [unscored.applicationId] } });

    // Publishing live retires v1 and new applications follow v2 at once.
    const draft3 = await call('POST', '/api/v1/rule-sets', { token: maker.token, headers: { 'idempotency-key': key() }, body: { definition: { ...stricter, name: 'policy-age-55-live' } } });
    expect((await call('POST', `/api/v1/rule-sets/${draft3.body.id}/approve`, { token: checker.token, body: { deployment: 'live' } })).status).toBe(200);
    const after = await call('POST', '/api/v1/applications', { token: borrower.token, headers: { 'idempotency-key': key() }, body: { ...application, amount: '9000.00' } });
    expect(after.body.outcome).toBe('declined');
    expect(after.body.reasons[0].code).toBe('AGE_OUT_OF_RANGE');
    const v1 = await call('GET', '/api/v1/rule-sets/rs_policy_v1', { token: maker.token });
    expect(v1.body.status).toBe('retired');
  });
});
