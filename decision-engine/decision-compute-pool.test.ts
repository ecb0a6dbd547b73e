import { afterAll, describe, expect, it } from 'vitest';
import { computeFeatures } from '../feature-store/compute-features';
import { canonicalJson } from '../kernel/canonical-json';
import { AppError } from '../kernel/errors';
import { loadBootstrapCreditScorer, loadBootstrapFraudScorer } from '../models/bootstrap/load-bootstrap';
import { defaultRuleSet } from '../rules/default-rule-sets';
import { compileRuleSet } from '../rules/evaluate-rule-set';
import { computeDecision, type ComputedDecision, type DecisionComputeInput } from './compute-decision';
import type { DecisionLogic } from './decision-logic';
import { chainAfter, decisionRowHash, DECISION_GENESIS_HASH, sealText, type DecisionJsonColumn } from './decision-chain';
import { DecisionComputePool } from './decision-compute-pool';
import { DEFAULT_DECISION_CONFIG } from './policy-config';
import { sampleApplication, sampleSources, standInModels } from './testing/stand-in-scorers';
import { decide } from './decide';

const pool = new DecisionComputePool(2);
afterAll(() => pool.close());

async function realLogic(): Promise<DecisionLogic> {
  const [credit, fraud] = await Promise.all([loadBootstrapCreditScorer(), loadBootstrapFraudScorer()]);
  return {
    sets: { policy: compileRuleSet('pool-policy', defaultRuleSet('policy')), fraud: compileRuleSet('pool-fraud', defaultRuleSet('fraud')), shadowPolicy: compileRuleSet('pool-shadow', { ...defaultRuleSet('policy'), rules: defaultRuleSet('policy').rules.slice(1) }) },
    active: { models: { credit, fraud }, challengers: { credit } },
    config: DEFAULT_DECISION_CONFIG,
  };
}

function input(n: number): DecisionComputeInput {
  const amount = `${5_000 + n * 1_357}.${String(n % 100).padStart(2, '0')}`;
  const application = sampleApplication({ amount, termMonths: [6, 12, 24, 36][n % 4], purpose: n % 9 === 0 ? 'stocks' : 'education' });
  const { application: _ignored, ...sources } = sampleSources({ decidedAt: new Date(Date.UTC(2026, 2, 2, 2, 0, n)), exposure: { outstandingPrincipalFen: BigInt(n) * 1_000_000n, pendingFen: 0n } });
  return { borrowerId: `usr_pool_${n}`, application, storedApplication: { ...application, device: { idBidx: `d${n}`, ipBidx: `i${n}` } }, sources, contractDate: '2026-03-02', ids: { applicationId: `app_pool_${n}`, decisionId: `dec_pool_${n}` }, amountFen: BigInt(Math.round(Number(amount) * 100)) };
}

/** The record a seal holds (prevHash filled with the genesis hash): what the writer stores. */
function recordOf(c: ComputedDecision): Record<string, unknown> {
  const { prefix, suffix } = sealText(c.sealed);
  return JSON.parse(`${prefix}${JSON.stringify(DECISION_GENESIS_HASH)}${suffix}`) as Record<string, unknown>;
}

describe('decision compute threads', () => {
  it('compute on a thread exactly what computeDecision computes inline, outcomes of every kind included', async () => {
    const logic = await realLogic();
    const inputs = Array.from({ length: 24 }, (_, n) => input(n));
    const [threaded, inline] = await Promise.all([Promise.all(inputs.map((i) => pool.compute(logic, i))), Promise.all(inputs.map((i) => computeDecision(logic, i)))]);
    expect(threaded).toEqual(inline);
    expect(new Set(inline.map((d) => d.outcome)).size).toBeGreaterThan(1);
    // The JSON columns are the decision's own values in canonical form.
    const features = computeFeatures({ ...inputs[3]!.sources, application: inputs[3]!.application });
    const value = await decide({ features, policy: logic.sets.policy, fraud: logic.sets.fraud, models: logic.active.models, config: logic.config, contractDate: '2026-03-02' });
    const sealedRecord = recordOf(threaded[3]!);
    expect(sealedRecord.features).toEqual(JSON.parse(canonicalJson(features)));
    expect(sealedRecord.ruleResults).toEqual(JSON.parse(canonicalJson(value.ruleResults)));
    expect(threaded[3]!.challengerScores).toHaveLength(1);
    expect(sealedRecord.shadow).toMatchObject({ policyRuleSetId: 'pool-shadow' });
  });

  it('seal each record so the chain hash is the same as hashing the whole record', async () => {
    const logic = await realLogic();
    const computed = await Promise.all([0, 1, 2, 9].map((n) => pool.compute(logic, input(n))));
    const columns: DecisionJsonColumn[] = ['features', 'ruleResults', 'scores', 'reasons', 'shadow'];
    const parse = (c: (typeof computed)[number]) => Object.fromEntries(columns.map((k) => [k, recordOf(c)[k]])) as Record<DecisionJsonColumn, unknown>;
    const sealed = chainAfter(null, computed.map((c) => ({ ...c.record, ...parse(c), seal: sealText(c.sealed) })));
    const whole = chainAfter(null, computed.map((c) => ({ ...c.record, ...parse(c) })));
    expect(sealed.map((r) => r.hash)).toEqual(whole.map((r) => r.hash));
    expect(sealed[0]!.prevHash).toBe(DECISION_GENESIS_HASH);
    for (const [k, row] of sealed.entries()) {
      const { hash, ...rest } = row;
      expect(hash).toBe(decisionRowHash(rest));
      if (k > 0) expect(row.prevHash).toBe(sealed[k - 1]!.hash);
    }
    // A changed field changes the hash: the seal covers the record.
    const tampered = chainAfter(null, [{ ...computed[0]!.record, ...parse(computed[0]!), outcome: 'approved' as const, grade: 'A1' }]);
    expect(tampered[0]!.hash).not.toBe(sealed[0]!.hash);
  });

  it('compute inline when a model cannot be rebuilt on a thread (stand-ins), with the same result', async () => {
    const logic = { ...(await realLogic()), active: { models: standInModels(0.02, 0.01), challengers: {} } };
    expect(await pool.compute(logic, input(4))).toEqual(await computeDecision(logic, input(4)));
  });

  it('fail the decisions in flight when the threads stop (each one either computed or failed), and start a new thread for the next', async () => {
    const logic = await realLogic();
    // Enough work queued that the threads cannot finish it before they are stopped.
    const settled = Promise.allSettled(Array.from({ length: 300 }, (_, n) => pool.compute(logic, input(n))));
    await pool.close();
    const results = await settled;
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(String(r.reason)).toMatch(/decision compute thread exited/);
    results.forEach((r, n) => r.status === 'fulfilled' && expect(r.value.record.id).toBe(`dec_pool_${n}`));
    expect((await pool.compute(logic, input(5))).record.id).toBe('dec_pool_5');
  });

  it('give back an error thrown on the thread as the same AppError', async () => {
    const logic = await realLogic();
    const bad = input(6);
    bad.application = { ...bad.application, amount: 'not money' };
    const error = await pool.compute(logic, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION', details: { field: 'amount' } });
  });
});
