import { describe, expect, it } from 'vitest';
import { computeFeatures, type FeatureSources } from '../feature-store/compute-features';
import { PROHIBITED_PURPOSES } from '../feature-store/application-input';
import { compileRuleSet } from '../rules/evaluate-rule-set';
import { defaultRuleSet } from '../rules/default-rule-sets';
import { decide, type DecisionValue } from './decide';
import { DEFAULT_DECISION_CONFIG, type DecisionConfig } from './policy-config';
import { priceOffer } from './price-offer';
import { rateCapBps } from './rate-cap';
import { sampleApplication, sampleSources, standInModels } from './testing/stand-in-scorers';

const policy = compileRuleSet('test-policy', defaultRuleSet('policy'));
const fraud = compileRuleSet('test-fraud', defaultRuleSet('fraud'));
const decisions: DecisionValue[] = [];

async function run(sources: Partial<FeatureSources>, app: Parameters<typeof sampleApplication>[0] = {}, options: { pd?: number; fraudP?: number; config?: DecisionConfig } = {}) {
  const features = computeFeatures(sampleSources({ ...sources, application: sampleApplication(app) }));
  const value = await decide({ features, policy, fraud, models: standInModels(options.pd, options.fraudP), config: options.config ?? DEFAULT_DECISION_CONFIG, contractDate: '2026-03-02' });
  decisions.push(value);
  return value;
}
const codes = (d: DecisionValue) => d.reasons.map((r) => r.code);
const pending = (fen: bigint) => ({ exposure: { outstandingPrincipalFen: 0n, pendingFen: fen } });

describe('policy rules at their boundaries', () => {
  it('individual platform cap: 150,000 + 50,000 passes; + 50,000.01 is a counter-offer of 50,000.00', async () => {
    expect((await run(pending(15_000_000n), { amount: '50000.00' })).outcome).toBe('approved');
    const over = await run(pending(15_000_000n), { amount: '50000.01' });
    expect(over).toMatchObject({ outcome: 'counter_offer', offeredAmountFen: 5_000_000n, limitFen: 5_000_000n });
    expect(codes(over)[0]).toBe('PLATFORM_CAP');
    const full = await run(pending(20_000_000n), { amount: '5000.00' });
    expect(full.outcome).toBe('declined');
    expect(codes(full)).toContain('PLATFORM_CAP');
  });

  it('company platform cap: 900,000 + 100,000 passes; one fen more is a counter-offer', async () => {
    const base = { borrowerType: 'company' as const, monthlyIncome: '100000.00' };
    expect((await run(pending(90_000_000n), { ...base, amount: '100000.00' })).outcome).toBe('approved');
    expect(await run(pending(90_000_000n), { ...base, amount: '100000.01' })).toMatchObject({ outcome: 'counter_offer', offeredAmountFen: 10_000_000n });
  });

  it('cross-platform cap: 950,000 elsewhere + 50,000 passes; + 50,000.01 counter-offers 50,000.00', async () => {
    expect((await run({}, { declaredOtherPlatformOutstanding: '950000.00' })).outcome).toBe('approved');
    const over = await run({}, { declaredOtherPlatformOutstanding: '950000.00', amount: '50000.01' });
    expect(over).toMatchObject({ outcome: 'counter_offer', offeredAmountFen: 5_000_000n });
    expect(codes(over)[0]).toBe('CROSS_PLATFORM_CAP');
  });

  it('company cross-platform cap is 5,000,000', async () => {
    const base = { borrowerType: 'company' as const, monthlyIncome: '100000.00', amount: '100000.00' };
    expect((await run({}, { ...base, declaredOtherPlatformOutstanding: '4900000.00' })).outcome).toBe('approved');
    expect((await run({}, { ...base, declaredOtherPlatformOutstanding: '4900000.01' })).outcome).toBe('counter_offer');
  });

  it('refers when neither a declaration nor bureau data exists, never auto-approves', async () => {
    const missing = await run({ bureau: null }, { declaredOtherPlatformOutstanding: null });
    expect(missing.outcome).toBe('referred');
    expect(codes(missing)).toEqual(['CROSS_PLATFORM_DATA_MISSING']);
    const bureau = { score: 700, overdueRecords6m: 0, inquiries6m: 1, outstandingDebtFen: 0n, historyStatus: 'existing_paid' as const, otherInstalmentPlans: 'none' as const, idAgeDays: 3000, phoneTenureDays: 900 };
    expect((await run({ bureau }, { declaredOtherPlatformOutstanding: null })).outcome).toBe('approved');
  });

  it.each(PROHIBITED_PURPOSES)('declines the prohibited purpose %s', async (purpose) => {
    const d = await run({}, { purpose });
    expect(d.outcome).toBe('declined');
    expect(codes(d)[0]).toBe('PROHIBITED_PURPOSE');
  });

  it('age 18 and 60 pass; 17 and 61 decline (whole years on the application date)', async () => {
    const at = (birthDate: string) => run({ identity: { verified: true, birthDate } });
    expect((await at('2008-03-02')).outcome).toBe('approved');
    expect(codes(await at('2008-03-03'))).toContain('AGE_OUT_OF_RANGE');
    expect((await at('1965-03-03')).outcome).toBe('approved');
    expect(codes(await at('1965-03-02'))).toContain('AGE_OUT_OF_RANGE');
  });

  it('amount of exactly 3 × monthly income passes; one fen more counter-offers 3 × income', async () => {
    expect((await run({}, { monthlyIncome: '20000.00', amount: '60000.00' })).outcome).toBe('approved');
    const over = await run({}, { monthlyIncome: '20000.00', amount: '60000.01' });
    expect(over).toMatchObject({ outcome: 'counter_offer', offeredAmountFen: 6_000_000n });
    expect(codes(over)[0]).toBe('INCOME_MULTIPLE');
  });

  it('installment-to-income of exactly 50% after existing debts passes; above it counter-offers', async () => {
    // 10,000 over 12 months at the 12.00% stress rate: 888.49 a month; (1,000 + 888.49) × 2 = 3,776.98.
    const base = { amount: '10000.00', monthlyDebtPayments: '1000.00' };
    expect((await run({}, { ...base, monthlyIncome: '3776.98' })).outcome).toBe('approved');
    const over = await run({}, { ...base, monthlyIncome: '3776.97' });
    expect(over.outcome).toBe('counter_offer');
    expect(codes(over)[0]).toBe('AFFORDABILITY');
    expect(over.offeredAmountFen).toBeLessThan(1_000_000n);
    expect(over.offeredAmountFen).toBeGreaterThan(999_000n);
    const hopeless = await run({}, { ...base, monthlyDebtPayments: '2000.00', monthlyIncome: '3000.00' });
    expect(hopeless.outcome).toBe('declined');
    expect(codes(hopeless)).toContain('AFFORDABILITY');
  });

  it.each(['id', 'phone', 'device'] as const)('declines a blocklisted %s', async (kind) => {
    const s = sampleSources();
    const d = await run({ velocity: { ...s.velocity, blocklisted: { id: false, phone: false, device: false, [kind]: true } } });
    expect(codes(d)).toEqual(expect.arrayContaining(['BLOCKLISTED']));
    expect(d.outcome).toBe('declined');
  });

  it('declines an unverified applicant', async () => {
    expect(codes(await run({ identity: { verified: false, birthDate: null } }))).toContain('KYC_NOT_VERIFIED');
  });
});

describe('fraud rules at their boundaries', () => {
  const withVelocity = (patch: Partial<FeatureSources['velocity']['counts']>, distinct = 1) => {
    const s = sampleSources();
    return { velocity: { ...s.velocity, counts: { ...s.velocity.counts, ...patch }, deviceDistinctIds30d: distinct } };
  };
  it('five applications per ID in 24 h pass; the sixth is declined', async () => {
    expect((await run(withVelocity({ id_applications_24h: 5 }))).outcome).toBe('approved');
    expect(codes(await run(withVelocity({ id_applications_24h: 6 })))).toContain('VELOCITY_ID');
  });
  it('a device shared by three identities passes; four are declined', async () => {
    expect((await run(withVelocity({}, 3))).outcome).toBe('approved');
    expect(codes(await run(withVelocity({}, 4)))).toContain('DEVICE_SHARED');
  });
  it('refers income implausible for the employment (student: over 10,000 a month)', async () => {
    const student = { status: 'student' as const, occupationClass: 'unskilled_resident' as const, yearsEmployed: 0 };
    expect((await run({}, { employment: student, monthlyIncome: '10000.00', amount: '10000.00' })).outcome).toBe('approved');
    const d = await run({}, { employment: { status: 'student', occupationClass: 'unskilled_resident', yearsEmployed: 0 }, monthlyIncome: '10000.01', amount: '10000.00' });
    expect(d.outcome).toBe('referred');
    expect(codes(d)).toContain('INCOME_EMPLOYMENT_MISMATCH');
  });
  it('declines on a high fraud-model probability with the model’s reasons', async () => {
    const d = await run({}, {}, { fraudP: 0.9 });
    expect(d.outcome).toBe('declined');
    expect(codes(d)).toEqual(['FRAUD_RISK_HIGH', 'F01']);
  });
});

describe('pricing and the rate cap', () => {
  it('caps at 4 × LPR from 2020-08-20, 24% before, never above 36%', () => {
    expect(rateCapBps('2021-01-04', DEFAULT_DECISION_CONFIG.lprTable)).toBe(1540);
    expect(rateCapBps('2020-08-19', DEFAULT_DECISION_CONFIG.lprTable)).toBe(2400);
    expect(rateCapBps('2026-03-02', DEFAULT_DECISION_CONFIG.lprTable)).toBe(1200);
    expect(rateCapBps('2026-03-02', [{ effectiveDate: '2020-01-01', oneYearBps: 1000 }])).toBe(3600);
  });

  it('10,000 CNY, 12 equal installments at 12%: APR 12.00%; a 300 CNY fee makes it 17.83%, over a 15.40% cap', () => {
    const config = { ...DEFAULT_DECISION_CONFIG, baseRateBps: 1200, rateStepPerGradeBps: 0, upfrontFeeBps: 0 };
    const input = { grade: 'A1', amountFen: 1_000_000n, termMonths: 12, method: 'equal_installment' as const, capBps: 1540 };
    expect(priceOffer(input, config)).toMatchObject({ aprBps: 1200, withinCap: true });
    expect(priceOffer(input, { ...config, upfrontFeeBps: 300 })).toMatchObject({ aprBps: 1783, withinCap: false, upfrontFeeFen: 30_000n });
  });

  it('declines a loan priced above the cap with a specific reason and the model’s reasons', async () => {
    const d = await run({}, {}, { pd: 0.54 });
    expect(d.grade).toBe('G5');
    expect(d.outcome).toBe('declined');
    expect(codes(d)[0]).toBe('RATE_CAP_EXCEEDED');
    expect(d.reasons[0]!.message.en).toMatch(/exceeds the legal cap of 12\.00%/);
    expect(codes(d)).toContain('C01');
  });

  it('declines a PD above every grade band, with the features behind it', async () => {
    const d = await run({}, {}, { pd: 0.6 });
    expect(d).toMatchObject({ outcome: 'declined', grade: null });
    expect(codes(d)).toEqual(['CREDIT_RISK_TOO_HIGH', 'C01']);
  });

  it('approves with an APR within the cap and stores every condition result', async () => {
    const d = await run({});
    expect(d.outcome).toBe('approved');
    expect(d.aprBps).toBeLessThanOrEqual(d.rateCapBps);
    expect(d.ruleResults.policy.length).toBe(policy.definition.rules.length);
    expect(d.ruleResults.policy.find((r) => r.rule === 'age_range')!.conditions).toEqual([
      expect.objectContaining({ fact: 'age_years', operator: 'lessThan', factValue: 35, result: false }),
      expect.objectContaining({ fact: 'age_years', operator: 'greaterThan', factValue: 35, result: false }),
    ]);
  });
});

describe('reasons', () => {
  it('every decline, referral and counter-offer above had 1–4 reasons, never a generic one alone', () => {
    const adverse = decisions.filter((d) => d.outcome !== 'approved');
    expect(adverse.length).toBeGreaterThan(20);
    for (const d of adverse) {
      expect(d.reasons.length).toBeGreaterThanOrEqual(1);
      expect(d.reasons.length).toBeLessThanOrEqual(4);
      const generic = ['CREDIT_RISK_TOO_HIGH', 'FRAUD_RISK_HIGH', 'FRAUD_RISK_REVIEW', 'BELOW_MINIMUM_AMOUNT'];
      expect(d.reasons.some((r) => !generic.includes(r.code))).toBe(true);
      for (const r of d.reasons) expect(r.message.zh.length > 1 && r.message.en.length > 1).toBe(true);
    }
  });
});
