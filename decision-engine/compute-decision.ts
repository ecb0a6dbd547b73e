import { JsonText, rowAsJson } from '../db/insert-rows-as-json';
import { decisions } from '../db/schema';
import type { ApplicationInput } from '../feature-store/application-input';
import { computeFeatures, type FeatureSources } from '../feature-store/compute-features';
import { CURRENT_FEATURE_SET, type FeatureSetVersion, type FeatureSnapshot } from '../feature-store/definitions';
import { creditModelRow, fraudModelRow } from '../feature-store/model-rows';
import { canonicalJson, jsonReplacer, sha256Hex } from '../kernel/canonical-json';
import type { ModelScorer, FeatureRow } from '../models/scoring-port';
import { applicationView, type ApplicationDecisionView } from './application-view';
import { decide, type DecisionValue } from './decide';
import { SEALED_TEXT_COLUMNS, sealDecisionRecord, sealedBytes, type DecisionJsonColumn, type NewDecisionRecord, type SealedBytes } from './decision-chain';
import type { ActiveModels, DecisionLogic } from './decision-logic';
import type { CompiledRuleSet } from '../rules/evaluate-rule-set';

/** Everything a decision is computed from, already read (no I/O from here on). */
export interface DecisionComputeInput {
  borrowerId: string;
  application: ApplicationInput;
  /** The application as stored (device id and IP only as blind indexes). */
  storedApplication: unknown;
  sources: Omit<FeatureSources, 'application'>;
  contractDate: string;
  ids: { applicationId: string; decisionId: string };
  amountFen: bigint;
}

export interface ChallengerScore {
  championId: string;
  challengerId: string;
  championProbability: number;
  challengerProbability: number;
}

/**
 * A computed decision in the form the writer and the response need: the record's scalar fields,
 * the whole record sealed for the hash chain (its canonical text with prevHash left open, as
 * UTF-8 bytes: the writer stores and hashes exactly that text), the application's input as JSON
 * text, and the response body. Plain data only, so it crosses a thread boundary unchanged (see
 * decision-compute-pool.ts; the sealed bytes are moved, not copied).
 */
export interface ComputedDecision {
  requestHash: string;
  record: Omit<NewDecisionRecord, DecisionJsonColumn>;
  storedApplicationJson: string;
  sealed: SealedBytes;
  /**
   * The record as a `decisions` row (column names), UTF-8 JSON, without the columns the writer
   * takes from the sealed bytes (SEALED_TEXT_COLUMNS) and those it computes (seq, prev_hash, hash).
   */
  decisionRowJson: Uint8Array;
  outcome: DecisionValue['outcome'];
  offeredAmountFen: bigint;
  exposureBeforeFen: number;
  body: ApplicationDecisionView;
  bodyJson: string;
  challengerScores: ChallengerScore[];
}

// TextEncoder gives a fresh byte array (never a slice of Buffer's shared pool), so it can be moved to another thread.
const utf8 = new TextEncoder();

/** The JSON columns the row carries itself (the others go as slices of the sealed bytes). */
const rowJsonColumnTexts = (columns: Record<DecisionJsonColumn, string>) =>
  Object.fromEntries(Object.entries(columns).flatMap(([k, v]) => ((SEALED_TEXT_COLUMNS as readonly string[]).includes(k) ? [] : [[k, new JsonText(v)]])));

/** What a challenger (shadow) rule set would have decided: recorded, never acted on. */
function shadowSummary(ids: { policy: string; fraud: string }, value: DecisionValue) {
  const fired = [...value.ruleResults.policy, ...value.ruleResults.fraud].filter((r) => r.fired).map((r) => r.rule);
  return { firedRules: fired, fraudRuleSetId: ids.fraud, offeredAmountFen: value.offeredAmountFen.toString(), outcome: value.outcome, policyRuleSetId: ids.policy, reasonCodes: value.reasons.map((r) => r.code) };
}

/** The probability alone (same number as score().probability), skipping the explanations when the scorer exposes its compiled model. */
function probabilityOnly(scorer: ModelScorer, row: FeatureRow): number {
  const compiled = (scorer as { compiled?: { probability(row: FeatureRow): number } }).compiled;
  return compiled ? compiled.probability(row) : scorer.score(row).probability;
}

/** Challenger (shadow) scores of the same rows the champions scored: recorded, never acted on. */
function challengerScores(active: ActiveModels, features: FeatureSnapshot, value: DecisionValue): ChallengerScore[] {
  const rows = { credit: () => creditModelRow(features), fraud: () => fraudModelRow(features) };
  const champion = { credit: value.scores.credit, fraud: value.scores.fraud };
  return (['credit', 'fraud'] as const).flatMap((kind) => {
    const challenger = active.challengers[kind];
    if (!challenger) return [];
    return [{ championId: champion[kind].modelVersionId, challengerId: challenger.modelVersionId, championProbability: champion[kind].probability, challengerProbability: probabilityOnly(challenger, rows[kind]()) }];
  });
}

/**
 * Features → policy and fraud rules → models → outcome, record and response, as a pure function
 * of what was read. The API runs it on a compute thread (decision-compute-pool.ts) so the event
 * loop only does I/O; replay and tests may run it inline. Both give the same result.
 */
export async function computeDecision(logic: DecisionLogic, input: DecisionComputeInput): Promise<ComputedDecision> {
  const { sets, active, config } = logic;
  const featureSetVersion: FeatureSetVersion = CURRENT_FEATURE_SET;
  // Copies here are Object.assign onto a literal, never `{ ...x, more }` (ARCHITECTURE.md, "Hot paths").
  const features = computeFeatures(Object.assign({}, input.sources, { application: input.application }));
  const decideWith = (policy: CompiledRuleSet, fraud: CompiledRuleSet) => decide({ features, models: active.models, config, contractDate: input.contractDate, policy, fraud });
  const value = await decideWith(sets.policy, sets.fraud);
  let shadow: ReturnType<typeof shadowSummary> | null = null;
  if (sets.shadowPolicy || sets.shadowFraud) {
    const policy = sets.shadowPolicy ?? sets.policy;
    const fraud = sets.shadowFraud ?? sets.fraud;
    shadow = shadowSummary({ policy: policy.id, fraud: fraud.id }, await decideWith(policy, fraud));
  }
  const now = input.sources.decidedAt;
  const requestJson = canonicalJson(input.application);
  const record: Omit<NewDecisionRecord, DecisionJsonColumn> = {
    id: input.ids.decisionId,
    applicationId: input.ids.applicationId,
    borrowerId: input.borrowerId,
    kind: 'automated',
    decidedAt: now,
    decidedBy: null,
    // canonicalJson({ application, borrowerId }) spelled out: the request is serialised once.
    inputHash: sha256Hex(`{"application":${requestJson},"borrowerId":${JSON.stringify(input.borrowerId)}}`),
    featureSetVersion,
    policyRuleSetId: sets.policy.id,
    fraudRuleSetId: sets.fraud.id,
    creditModelVersion: active.models.credit.modelVersionId,
    fraudModelVersion: active.models.fraud.modelVersionId,
    outcome: value.outcome,
    grade: value.grade,
    pd: value.pd,
    limitFen: value.limitFen,
    offeredAmountFen: value.offeredAmountFen,
    aprBps: value.aprBps,
    nominalRateBps: value.nominalRateBps,
    upfrontFeeFen: value.upfrontFeeFen,
    note: null,
  };
  const jsonColumns: Record<DecisionJsonColumn, string> = {
    features: canonicalJson(features),
    ruleResults: canonicalJson(value.ruleResults),
    scores: canonicalJson({ credit: value.scores.credit, fraud: value.scores.fraud, limits: value.limits, rateCapBps: value.rateCapBps }),
    reasons: canonicalJson(value.reasons),
    shadow: canonicalJson(shadow),
  };
  const app = { id: input.ids.applicationId, amountFen: input.amountFen, termMonths: input.application.termMonths, repaymentMethod: input.application.repaymentMethod };
  // The response depends only on fields known now (not on seq or hashes): stored with the key in the decision's statement.
  const view = applicationView(app, Object.assign({}, record, { reasons: value.reasons, features: null, ruleResults: null, scores: null, shadow: null, decidedAt: new Date(Math.floor(now.getTime())), seq: 0n, prevHash: '', hash: '' }));
  // The body as jsonb gives it back (asStoredBody), serialised once.
  const bodyJson = JSON.stringify(view, jsonReplacer);
  return {
    requestHash: sha256Hex(requestJson),
    record,
    storedApplicationJson: canonicalJson(input.storedApplication),
    sealed: sealedBytes(sealDecisionRecord(record, jsonColumns)),
    decisionRowJson: utf8.encode(rowAsJson(decisions, Object.assign({}, record, rowJsonColumnTexts(jsonColumns)))),
    outcome: value.outcome,
    offeredAmountFen: value.offeredAmountFen,
    exposureBeforeFen: features.platform_exposure_before_fen as number,
    body: JSON.parse(bodyJson) as ApplicationDecisionView,
    bodyJson,
    challengerScores: challengerScores(active, features, value),
  };
}
