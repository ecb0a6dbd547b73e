import type { DbOrTx } from '../db/client';
import type { FeatureSnapshot } from '../feature-store/definitions';
import { chinaDate } from '../kernel/calendar';
import { AppError } from '../kernel/errors';
import { storedScorer } from '../rules/backtest-rule-set';
import { compiledById } from '../rules/rule-sets-repo';
import { findDecision } from './applications-repo';
import { decide, type DecisionModels, type Reason } from './decide';
import type { DecisionConfig } from './policy-config';

export interface ReplayReport {
  decisionId: string;
  kind: string;
  reproduced: boolean;
  /** False when the stored model version is not the one loaded: stored scores were reused. */
  modelsRescored: boolean;
  differences: Array<{ field: string; recorded: unknown; replayed: unknown }>;
}

async function registryScorers(db: DbOrTx, creditId: string, fraudId: string): Promise<DecisionModels | undefined> {
  const { PostgresModelRegistryRepository } = await import('../models/registry/postgres-repository');
  const { buildScorerFromArtifact } = await import('../models/scoring-port');
  const repo = new PostgresModelRegistryRepository(db);
  const [credit, fraud] = await Promise.all([repo.getVersion(creditId), repo.getVersion(fraudId)]);
  return credit && fraud ? { credit: buildScorerFromArtifact(credit.artifact, credit.id), fraud: buildScorerFromArtifact(fraud.artifact, fraud.id) } : undefined;
}

/**
 * Re-runs a stored decision with its own inputs and versions (feature snapshot, rule sets,
 * models when the same versions are loaded, decision date) and compares every decided field.
 */
export async function replayDecision(db: DbOrTx, decisionId: string, runtime: { models?: DecisionModels; config: DecisionConfig }): Promise<ReplayReport> {
  const row = await findDecision(db, decisionId);
  if (!row) throw new AppError('NOT_FOUND', `no decision ${decisionId}`);
  if (row.kind !== 'automated') return { decisionId, kind: row.kind, reproduced: true, modelsRescored: false, differences: [] };
  const scores = row.scores as { credit: Parameters<typeof storedScorer>[1]; fraud: Parameters<typeof storedScorer>[1] };
  // Without fixed models, the versions that decided are read back from the model registry.
  const loaded = runtime.models ?? (await registryScorers(db, row.creditModelVersion, row.fraudModelVersion));
  const sameModels = !!loaded && loaded.credit.modelVersionId === row.creditModelVersion && loaded.fraud.modelVersionId === row.fraudModelVersion;
  const models = sameModels ? loaded! : { credit: storedScorer('credit', scores.credit), fraud: storedScorer('fraud', scores.fraud) };
  const value = await decide({
    features: row.features as FeatureSnapshot,
    policy: await compiledById(db, row.policyRuleSetId),
    fraud: await compiledById(db, row.fraudRuleSetId),
    models,
    config: runtime.config,
    contractDate: chinaDate(row.decidedAt),
  });
  const fired = (r: { policy: Array<{ rule: string; fired: boolean }>; fraud: Array<{ rule: string; fired: boolean }> }) => [...r.policy, ...r.fraud].filter((x) => x.fired).map((x) => x.rule).join(',');
  const compare: Array<[string, unknown, unknown]> = [
    ['outcome', row.outcome, value.outcome],
    ['grade', row.grade, value.grade],
    ['pd', row.pd, value.pd],
    ['limitFen', row.limitFen, value.limitFen],
    ['offeredAmountFen', row.offeredAmountFen, value.offeredAmountFen],
    ['aprBps', row.aprBps, value.aprBps],
    ['reasons', (row.reasons as Reason[]).map((r) => r.code).join(','), value.reasons.map((r) => r.code).join(',')],
    ['firedRules', fired(row.ruleResults as never), fired(value.ruleResults)],
  ];
  const differences = compare.filter(([, a, b]) => String(a) !== String(b)).map(([field, recorded, replayed]) => ({ field, recorded, replayed }));
  return { decisionId, kind: row.kind, reproduced: differences.length === 0, modelsRescored: sameModels, differences };
}
