import type { DbOrTx } from '../db/client';
import type { Clock } from '../kernel/clock';
import { platformExposureSource, type BorrowerExposureSource } from '../feature-store/exposure-source';
import { SimulatedCreditBureau, type CreditBureau } from '../feature-store/credit-bureau';
import { seedDefaultRuleSets } from '../rules/default-rule-sets';
import { compileRow, publishedRuleSet } from '../rules/rule-sets-repo';
import type { ShadowScore } from '../models/registry/model-version';
import type { DecisionModels } from './decide';
import { DEFAULT_DECISION_CONFIG, type DecisionConfig } from './policy-config';
import type { ComputedDecision, DecisionComputeInput } from './compute-decision';
import type { ActiveModels, ActiveRuleSets, DecisionLogic } from './decision-logic';
import { DecisionComputePool } from './decision-compute-pool';

/** Everything a decision needs beyond the core deps, built once per process. */
export interface DecisionRuntime {
  /** Only when fixed models were passed in (tests, tools); otherwise see activeModels. */
  models?: DecisionModels;
  bureau: CreditBureau;
  exposureSource: BorrowerExposureSource;
  config: DecisionConfig;
  activeRuleSets(db: DbOrTx, clock: Clock): Promise<ActiveRuleSets>;
  /** Call after publishing a rule set so this process picks it up at once. */
  invalidateRuleSets(): void;
  /** Champion and challenger per kind, refreshed from the registry at most every few seconds. */
  activeModels(db: DbOrTx, clock: Clock): Promise<ActiveModels>;
  /** Call after a promotion so this process scores with the new champion at once. */
  invalidateModels(): void;
  /** Buffers challenger scores of committed decisions; written asynchronously in batches. */
  recordShadowScores(db: DbOrTx, rows: ShadowScore[]): void;
  flushShadowScores(): Promise<void>;
  /** computeDecision, on the runtime's compute threads (inline with 0 threads or stand-in models). */
  compute(logic: DecisionLogic, input: DecisionComputeInput): Promise<ComputedDecision>;
  /** Stops the compute threads. */
  close(): Promise<void>;
}

/** Compute threads per process unless configured (DECISION_COMPUTE_THREADS): one beside the event loop. */
export const DEFAULT_COMPUTE_THREADS = 1;

// Other processes see a newly published set within this long (the hot path skips the query).
const RULE_SET_REFRESH_MS = 5_000;
// Likewise for a newly promoted champion (the promoting process invalidates at once).
const MODEL_REFRESH_MS = 5_000;

export async function loadRuleSets(db: DbOrTx, clock: Clock): Promise<ActiveRuleSets> {
  let [policy, fraud] = await Promise.all([publishedRuleSet(db, 'policy', 'live'), publishedRuleSet(db, 'fraud', 'live')]);
  if (!policy || !fraud) {
    await seedDefaultRuleSets(db, clock.now());
    [policy, fraud] = await Promise.all([publishedRuleSet(db, 'policy', 'live'), publishedRuleSet(db, 'fraud', 'live')]);
  }
  const [shadowPolicy, shadowFraud] = await Promise.all([publishedRuleSet(db, 'policy', 'shadow'), publishedRuleSet(db, 'fraud', 'shadow')]);
  return {
    policy: compileRow(policy!),
    fraud: compileRow(fraud!),
    shadowPolicy: shadowPolicy ? compileRow(shadowPolicy) : undefined,
    shadowFraud: shadowFraud ? compileRow(shadowFraud) : undefined,
  };
}

/**
 * Live models come from the Postgres registry: the approved champion of each kind decides, a
 * challenger scores in shadow. On first use the bootstrap models are registered as champions
 * (models/registry/ensure-bootstrap-champions.ts). Scorers are compiled once per version id.
 */
export async function loadLiveModels(db: DbOrTx, clock: Clock, cache?: unknown): Promise<ActiveModels> {
  const [{ loadLiveModelSet, ScorerCache }, { PostgresModelRegistryRepository }] = await Promise.all([import('../models/registry/live-models'), import('../models/registry/postgres-repository')]);
  const set = await loadLiveModelSet(new PostgresModelRegistryRepository(db), clock.now(), (cache as InstanceType<typeof ScorerCache> | undefined) ?? new ScorerCache());
  return { models: { credit: set.credit.champion, fraud: set.fraud.champion }, challengers: { credit: set.credit.challenger, fraud: set.fraud.challenger } };
}

/** A refresh cache: recomputes when older than `ms` (by the injected clock) or invalidated. */
function refreshing<T>(ms: number, load: (db: DbOrTx, clock: Clock) => Promise<T>) {
  let cached: { at: number; value: Promise<T> } | undefined;
  return {
    get(db: DbOrTx, clock: Clock): Promise<T> {
      const now = clock.now().getTime();
      if (!cached || Math.abs(now - cached.at) > ms) {
        const value = load(db, clock);
        cached = { at: now, value };
        value.catch(() => (cached = undefined));
      }
      return cached.value;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** `models` overrides the registry (tests and tools pass stand-ins; no challengers then). */
export async function createDecisionRuntime(overrides: Partial<Pick<DecisionRuntime, 'bureau' | 'exposureSource' | 'config'>> & { models?: DecisionModels; computeThreads?: number } = {}): Promise<DecisionRuntime> {
  const fixed = overrides.models;
  const { ScorerCache } = await import('../models/registry/live-models');
  const { ShadowScoreBuffer } = await import('../models/registry/shadow-score-buffer');
  const { PostgresModelRegistryRepository } = await import('../models/registry/postgres-repository');
  const scorers = new ScorerCache();
  const shadow = new ShadowScoreBuffer();
  const pool = new DecisionComputePool(overrides.computeThreads ?? DEFAULT_COMPUTE_THREADS);
  const ruleSets = refreshing(RULE_SET_REFRESH_MS, loadRuleSets);
  const models = refreshing(MODEL_REFRESH_MS, (db, clock) => (fixed ? Promise.resolve({ models: fixed, challengers: {} }) : loadLiveModels(db, clock, scorers)));
  return {
    models: fixed,
    bureau: overrides.bureau ?? new SimulatedCreditBureau(),
    exposureSource: overrides.exposureSource ?? platformExposureSource,
    config: overrides.config ?? DEFAULT_DECISION_CONFIG,
    activeRuleSets: (db, clock) => ruleSets.get(db, clock),
    invalidateRuleSets: () => ruleSets.invalidate(),
    activeModels: (db, clock) => models.get(db, clock),
    invalidateModels: () => models.invalidate(),
    recordShadowScores: (db, rows) => shadow.push(new PostgresModelRegistryRepository(db), rows),
    flushShadowScores: () => shadow.flush(),
    compute: (logic, input) => pool.compute(logic, input),
    close: () => pool.close(),
  };
}
