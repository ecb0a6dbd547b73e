import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { decisions, outcomeLabels } from '../db/schema';
import type { FeatureSnapshot } from '../feature-store/definitions';
import { chinaDate } from '../kernel/calendar';
import type { ModelScorer, ScoreResult } from '../models/scoring-port';
import { decide, type Outcome } from '../decision-engine/decide';
import type { DecisionConfig } from '../decision-engine/policy-config';
import { buildRuleSet, type CompiledRuleSet } from './evaluate-rule-set';
import type { RuleSetDefinition } from './rule-set-schema';
import { compiledById } from './rule-sets-repo';

/** Replays a stored score: backtests compare rules, not models, so the model output is held fixed. */
export function storedScorer(kind: 'credit' | 'fraud', stored: { modelVersionId: string; probability: number; score: number | null; attributions: ScoreResult['attributions'] }): ModelScorer {
  return { modelVersionId: stored.modelVersionId, kind, featureSetVersion: `${kind}-v1`, score: () => ({ probability: stored.probability, score: stored.score ?? undefined, attributions: stored.attributions }) };
}

export interface BacktestReport {
  ruleSet: { kind: string; name: string };
  records: number;
  candidate: { approvalRate: number; outcomes: Record<string, number>; labelled: number; badRateAmongApproved: number | null };
  live: { approvalRate: number; outcomes: Record<string, number>; labelled: number; badRateAmongApproved: number | null };
  changed: number;
  transitions: Record<string, number>;
  examples: Array<{ applicationId: string; live: Outcome; candidate: Outcome }>;
  /** Stored decisions that cannot be replayed (no stored credit or fraud score): counted, not guessed. */
  skipped: { count: number; applicationIds: string[] };
}

type StoredScore = Parameters<typeof storedScorer>[1];

/** The stored model scores a replay holds fixed, or null when the record lacks one (it cannot be replayed). */
function storedScores(scores: unknown): { credit: StoredScore; fraud: StoredScore } | null {
  const s = scores as { credit?: Partial<StoredScore>; fraud?: Partial<StoredScore> } | null;
  const usable = (x: Partial<StoredScore> | undefined): x is StoredScore => typeof x?.probability === 'number' && typeof x.modelVersionId === 'string';
  return s && usable(s.credit) && usable(s.fraud) ? { credit: s.credit, fraud: s.fraud } : null;
}

/**
 * Runs a candidate rule set over stored feature snapshots (automated decisions, newest first)
 * beside the rule sets those decisions actually used, with the stored model scores, and reports
 * approval rates, the bad rate among approved where outcome labels are known, and the changes.
 * A record without stored model scores is skipped and reported: one such record must not fail
 * the analyst's whole backtest, and a made-up score would change the comparison.
 */
export async function backtestRuleSet(db: DbOrTx, definition: RuleSetDefinition, config: DecisionConfig, options: { limit?: number } = {}): Promise<BacktestReport> {
  const rows = await db.select().from(decisions).where(eq(decisions.kind, 'automated')).orderBy(desc(decisions.seq)).limit(options.limit ?? 5_000);
  const ids = rows.map((r) => r.applicationId);
  const labels = new Map<string, string>();
  if (ids.length > 0) {
    const labelRows = await db.select().from(outcomeLabels).where(and(inArray(outcomeLabels.applicationId, ids))).orderBy(outcomeLabels.observedAt);
    for (const l of labelRows) labels.set(l.applicationId, l.label);
  }
  const candidate = buildRuleSet(`candidate:${definition.kind}:${definition.name}`, definition);
  const compiled = new Map<string, CompiledRuleSet>();
  const getSet = async (id: string) => compiled.get(id) ?? compiled.set(id, await compiledById(db, id)).get(id)!;
  const tally = () => ({ outcomes: {} as Record<string, number>, approved: 0, labelled: 0, bad: 0 });
  const cand = tally();
  const live = tally();
  const transitions: Record<string, number> = {};
  const examples: BacktestReport['examples'] = [];
  let changed = 0;
  const skipped: BacktestReport['skipped'] = { count: 0, applicationIds: [] };
  for (const row of rows) {
    const scores = storedScores(row.scores);
    if (!scores) {
      skipped.count += 1;
      if (skipped.applicationIds.length < 20) skipped.applicationIds.push(row.applicationId);
      continue;
    }
    const models = { credit: storedScorer('credit', scores.credit), fraud: storedScorer('fraud', scores.fraud) };
    const policy = await getSet(row.policyRuleSetId);
    const fraud = await getSet(row.fraudRuleSetId);
    const base = { features: row.features as FeatureSnapshot, models, config, contractDate: chinaDate(row.decidedAt) };
    const liveValue = await decide({ ...base, policy, fraud });
    const candValue = await decide({ ...base, policy: definition.kind === 'policy' ? candidate : policy, fraud: definition.kind === 'fraud' ? candidate : fraud });
    const label = labels.get(row.applicationId);
    for (const [t, v] of [[live, liveValue.outcome], [cand, candValue.outcome]] as const) {
      t.outcomes[v] = (t.outcomes[v] ?? 0) + 1;
      if (v === 'approved' || v === 'counter_offer') {
        t.approved += 1;
        if (label) {
          t.labelled += 1;
          if (label === 'bad') t.bad += 1;
        }
      }
    }
    if (liveValue.outcome !== candValue.outcome) {
      changed += 1;
      const key = `${liveValue.outcome}->${candValue.outcome}`;
      transitions[key] = (transitions[key] ?? 0) + 1;
      if (examples.length < 20) examples.push({ applicationId: row.applicationId, live: liveValue.outcome, candidate: candValue.outcome });
    }
  }
  const replayed = rows.length - skipped.count;
  const summary = (t: ReturnType<typeof tally>) => ({ approvalRate: replayed ? t.approved / replayed : 0, outcomes: t.outcomes, labelled: t.labelled, badRateAmongApproved: t.labelled ? t.bad / t.labelled : null });
  return { ruleSet: { kind: definition.kind, name: definition.name }, records: replayed, candidate: summary(cand), live: summary(live), changed, transitions, examples, skipped };
}
