import type { FieldEncryption } from '../auth/field-encryption';
import type { CoreDeps } from '../db/core-deps';
import { asStoredBody, assertIdempotencyKey } from '../db/idempotency';
import { borrowerFactsAsOf } from '../feature-store/borrower-facts';
import type { ApplicationInput } from '../feature-store/application-input';
import { getOnlineFeatures } from '../feature-store/get-online-features';
import { chinaDate } from '../kernel/calendar';
import { hashCanonical } from '../kernel/canonical-json';
import { AppError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { parseYuan } from '../kernel/money';
import { applicationView, type ApplicationDecisionView } from './application-view';
import { decide, type DecisionValue } from './decide';
import type { NewDecisionRecord } from './decision-chain';
import { decisionWriterFor } from './decision-writer';
import type { ActiveModels, DecisionRuntime } from './decision-runtime';
import { creditModelRow, fraudModelRow } from '../feature-store/model-rows';
import type { FeatureSnapshot } from '../feature-store/definitions';
import { rateCapBps } from './rate-cap';
import type { FeatureRow, ModelScorer } from '../models/scoring-port';


export type SubmitDeps = Pick<CoreDeps, 'db' | 'redis' | 'redisPrefix' | 'clock'> & { fieldEncryption: FieldEncryption; runtime: DecisionRuntime };

/** What a challenger (shadow) rule set would have decided: recorded, never acted on. */
function shadowSummary(ids: { policy: string; fraud: string }, value: DecisionValue) {
  const fired = [...value.ruleResults.policy, ...value.ruleResults.fraud].filter((r) => r.fired).map((r) => r.rule);
  return { policyRuleSetId: ids.policy, fraudRuleSetId: ids.fraud, outcome: value.outcome, offeredAmountFen: value.offeredAmountFen.toString(), firedRules: fired, reasonCodes: value.reasons.map((r) => r.code) };
}

/** The probability alone (same number as score().probability), skipping the explanations when the scorer exposes its compiled model. */
function probabilityOnly(scorer: ModelScorer, row: FeatureRow): number {
  const compiled = (scorer as { compiled?: { probability(row: FeatureRow): number } }).compiled;
  return compiled ? compiled.probability(row) : scorer.score(row).probability;
}

/** Challenger (shadow) scores of the same rows the champions scored: recorded, never acted on. */
function challengerScores(active: ActiveModels, features: FeatureSnapshot, value: DecisionValue) {
  const rows = { credit: () => creditModelRow(features), fraud: () => fraudModelRow(features) };
  const champion = { credit: value.scores.credit, fraud: value.scores.fraud };
  return (['credit', 'fraud'] as const).flatMap((kind) => {
    const challenger = active.challengers[kind];
    if (!challenger) return [];
    return [{ championId: champion[kind].modelVersionId, challengerId: challenger.modelVersionId, championProbability: champion[kind].probability, challengerProbability: probabilityOnly(challenger, rows[kind]()) }];
  });
}

/**
 * POST /applications: application → features → rules → models → decision record, written with
 * the idempotency key in one transaction. Reads and scoring happen before it; the write goes
 * through the DecisionWriter, which group-commits the decisions that arrive while the previous
 * batch is being written (see decision-writer.ts for the statements and the locks).
 *
 * Round trips per decision: one SQL read (KYC identity + platform history + exposure) and one
 * Redis pipeline (velocity) before; then its share of a batch's BEGIN + 3 statements + COMMIT.
 */
export async function submitApplication(deps: SubmitDeps, input: { borrowerId: string; idempotencyKey: string; application: ApplicationInput }): Promise<{ status: number; body: ApplicationDecisionView; replayed: boolean }> {
  const scope = `applications:${input.borrowerId}`;
  const request = input.application;
  assertIdempotencyKey(input.idempotencyKey);
  // No read-ahead of the idempotency key (a round trip on every request for the rare retry):
  // a retry recomputes, velocity ignores the repeated reference, and the claimed key returns
  // the first response.
  const runtime = deps.runtime;
  const now = deps.clock.now();
  const contractDate = chinaDate(now);
  const [facts, sets, active] = await Promise.all([
    borrowerFactsAsOf(deps.db, input.borrowerId, now, runtime.exposureSource),
    runtime.activeRuleSets(deps.db, deps.clock),
    runtime.activeModels(deps.db, deps.clock),
  ]);
  const identity = facts.identity;
  if (!identity) throw new AppError('KYC_REQUIRED', 'complete real-name verification (POST /api/v1/me/kyc) before applying');
  const amountFen = parseYuan(request.amount, { field: 'amount' });
  if (amountFen <= 0n) throw new AppError('VALIDATION', 'amount must be greater than zero', { field: 'amount' });

  const { featureSetVersion, features } = await getOnlineFeatures(
    { ...deps, bureau: runtime.bureau, exposureSource: runtime.exposureSource },
    {
      borrowerId: input.borrowerId,
      application: request,
      identity: { verified: true, birthDate: deps.fieldEncryption.decrypt(identity.birthDateEnc), idNumberBidx: identity.idNumberBidx, phoneBidx: identity.phoneBidx },
      applicationRef: `${input.borrowerId}:${input.idempotencyKey}`,
      asOf: now,
      stressRateBps: rateCapBps(contractDate, runtime.config.lprTable),
      prefetched: { history: facts.history, exposure: facts.exposure },
    },
  );
  const base = { features, models: active.models, config: runtime.config, contractDate };
  const value = await decide({ ...base, policy: sets.policy, fraud: sets.fraud });
  const modelShadow = challengerScores(active, features, value);
  let shadow: ReturnType<typeof shadowSummary> | null = null;
  if (sets.shadowPolicy || sets.shadowFraud) {
    const policy = sets.shadowPolicy ?? sets.policy;
    const fraud = sets.shadowFraud ?? sets.fraud;
    shadow = shadowSummary({ policy: policy.id, fraud: fraud.id }, await decide({ ...base, policy, fraud }));
  }

  // Everything the writes need is prepared before the transaction.
  const requestHash = hashCanonical(request);
  const applicationId = newId('app', deps.clock);
  const decisionId = newId('dec', deps.clock);
  const fe = deps.fieldEncryption;
  const stored = { ...request, device: { idBidx: fe.blindIndex(`device:${request.device.id}`), ipBidx: fe.blindIndex(`ip:${request.device.ip}`) } };
  const app = { id: applicationId, amountFen, termMonths: request.termMonths, repaymentMethod: request.repaymentMethod };
  const record: NewDecisionRecord = {
    id: decisionId,
    applicationId,
    borrowerId: input.borrowerId,
    kind: 'automated',
    decidedAt: now,
    decidedBy: null,
    inputHash: hashCanonical({ borrowerId: input.borrowerId, application: request }),
    featureSetVersion,
    features,
    policyRuleSetId: sets.policy.id,
    fraudRuleSetId: sets.fraud.id,
    creditModelVersion: active.models.credit.modelVersionId,
    fraudModelVersion: active.models.fraud.modelVersionId,
    ruleResults: value.ruleResults,
    scores: { ...value.scores, rateCapBps: value.rateCapBps, limits: value.limits },
    outcome: value.outcome,
    grade: value.grade,
    pd: value.pd,
    limitFen: value.limitFen,
    offeredAmountFen: value.offeredAmountFen,
    aprBps: value.aprBps,
    nominalRateBps: value.nominalRateBps,
    upfrontFeeFen: value.upfrontFeeFen,
    reasons: value.reasons,
    shadow,
    note: null,
  };
  // The response depends only on fields known now (not on seq or hashes): stored with the key in the decision's statement.
  const body = asStoredBody(applicationView(app, { ...record, decidedAt: new Date(Math.floor(now.getTime())), seq: 0n, prevHash: '', hash: '' }));
  const status = 201;

  const result = await decisionWriterFor(deps.db, runtime.exposureSource).write({
    scope,
    key: input.idempotencyKey,
    requestHash,
    createdAt: now,
    borrowerId: input.borrowerId,
    application: {
      ...app,
      borrowerId: input.borrowerId,
      borrowerType: request.borrowerType,
      purpose: request.purpose,
      input: stored,
      status: value.outcome,
      offeredAmountFen: value.offeredAmountFen,
      currentDecisionId: decisionId,
      createdAt: now,
      updatedAt: now,
    },
    review: value.outcome === 'referred' ? { id: newId('rev', deps.clock), applicationId, kind: 'referral', status: 'open', triggerDecisionId: decisionId, createdAt: now } : null,
    record,
    status,
    body,
    exposureBeforeFen: features.platform_exposure_before_fen as number,
  });
  // Only for a decision that committed now (not a replay): off the hot path, batched.
  if (!result.replayed && modelShadow.length > 0) {
    runtime.recordShadowScores(deps.db, modelShadow.map((s) => ({ ...s, requestId: decisionId, scoredAt: now })));
  }
  return result;
}
