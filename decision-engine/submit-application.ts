import { and, eq, sql } from 'drizzle-orm';
import type { FieldEncryption } from '../auth/field-encryption';
import type { CoreDeps } from '../db/core-deps';
import { asStoredBody, assertIdempotencyKey, storedResponse } from '../db/idempotency';
import { idempotencyKeys, loanApplications, manualReviews } from '../db/schema';
import { borrowerFactsAsOf } from '../feature-store/borrower-facts';
import { platformExposureSource, platformExposureSql } from '../feature-store/exposure-source';
import type { ApplicationInput } from '../feature-store/application-input';
import { getOnlineFeatures } from '../feature-store/get-online-features';
import { chinaDate } from '../kernel/calendar';
import { hashCanonical } from '../kernel/canonical-json';
import { AppError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { parseYuan } from '../kernel/money';
import { applicationView, type ApplicationDecisionView } from './application-view';
import { decide, type DecisionValue } from './decide';
import { appendDecision, chainLockSql, type NewDecisionRecord } from './decision-chain';
import type { ActiveModels, DecisionRuntime } from './decision-runtime';
import { creditModelRow, fraudModelRow } from '../feature-store/model-rows';
import type { FeatureSnapshot } from '../feature-store/definitions';
import { rateCapBps } from './rate-cap';
import type { FeatureRow, ModelScorer } from '../models/scoring-port';

/** Advisory-lock key space for per-borrower serialisation of decisions (two-int form). */
const BORROWER_LOCK_SPACE = 4_242_041;
const END_OF_TIME = new Date(8_640_000_000_000_000);

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
 * POST /applications: application → features → rules → models → decision record, in one
 * transaction with the idempotency key. Reads and scoring happen before the transaction so it
 * stays short; the hash-chain lock is the last thing taken before commit.
 *
 * Round trips: one SQL read (KYC identity + platform history + exposure) and one Redis pipeline
 * (velocity) before; in the transaction BEGIN, [claim key + borrower lock], [exposure re-read +
 * application (+ review) insert + chain lock], [decision insert with chain head and hash +
 * idempotency response], COMMIT. The chain lock spans one round trip plus commit.
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

  const result = await deps.db.transaction(async (tx): Promise<{ status: number; body: ApplicationDecisionView; replayed: boolean }> => {
    // 1. Claim the key, then (same statement, strictly after the insert) the borrower lock.
    // Caps (IM 17) must hold under concurrency: two parallel applications by one borrower would
    // each see the other's exposure as zero. Serialise per borrower and re-read the exposure in
    // a LATER statement (its snapshot then includes whatever the previous holder committed).
    const claim = tx.insert(idempotencyKeys).values({ scope, key: input.idempotencyKey, requestHash, createdAt: now }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    const claimed = await tx.execute<{ n: number }>(sql`
      WITH claimed AS (${claim.getSQL()})
      SELECT c.n, pg_advisory_xact_lock(${BORROWER_LOCK_SPACE}, hashtext(${input.borrowerId})) FROM (SELECT count(*)::int AS n FROM claimed) c`);
    if (Number(claimed.rows[0]?.n ?? 0) === 0) return storedResponse<ApplicationDecisionView>(tx, scope, input.idempotencyKey, requestHash);

    // 2. Exposure re-read (no time filter: whatever has committed counts, even if stamped a
    // moment after `now`), the application row (and referral), async commit and the chain lock.
    // If the exposure moved since the features were computed, the client retries with the same key.
    const e = platformExposureSql(input.borrowerId, END_OF_TIME);
    const applicationInsert = tx.insert(loanApplications).values({
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
    });
    const reviewInsert = value.outcome === 'referred' ? tx.insert(manualReviews).values({ id: newId('rev', deps.clock), applicationId, kind: 'referral', status: 'open', triggerDecisionId: decisionId, createdAt: now }) : undefined;
    const customExposure = runtime.exposureSource !== platformExposureSource;
    const step2 = await tx.execute<{ outstanding: string | null; pending: string | null }>(sql`
      WITH app AS (${applicationInsert.getSQL()})${reviewInsert ? sql`, review AS (${reviewInsert.getSQL()})` : sql``}
      SELECT ${customExposure ? sql`NULL::bigint AS outstanding, NULL::bigint AS pending` : sql`${e.outstanding} AS outstanding, ${e.pending} AS pending`}, ${chainLockSql()}`);
    // A replaced exposure source (a port) is asked in its own statement (still after the borrower lock).
    const exposure = customExposure
      ? await runtime.exposureSource.exposure(tx, input.borrowerId, END_OF_TIME)
      : { outstandingPrincipalFen: BigInt(step2.rows[0]?.outstanding ?? 0), pendingFen: BigInt(step2.rows[0]?.pending ?? 0) };
    if (Number(exposure.outstandingPrincipalFen + exposure.pendingFen) !== features.platform_exposure_before_fen) {
      throw new AppError('CONFLICT', 'another of your applications was decided at the same moment; retry this request with the same Idempotency-Key', { retryable: true });
    }

    // 3. The decision (chain head read and hash in the statement) and the key's response.
    const respond = tx.update(idempotencyKeys).set({ responseStatus: status, responseBody: body }).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, input.idempotencyKey)));
    await appendDecision(tx, record, { lockHeld: true, alongside: sql`responded AS (${respond.getSQL()})` });
    return { status, body, replayed: false };
  });
  // Only for a decision that committed now (not a replay): off the hot path, batched.
  if (!result.replayed && modelShadow.length > 0) {
    runtime.recordShadowScores(deps.db, modelShadow.map((s) => ({ ...s, requestId: decisionId, scoredAt: now })));
  }
  return result;
}
