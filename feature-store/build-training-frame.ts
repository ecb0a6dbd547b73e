import { and, asc, eq, gte, lt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { decisions, outcomeLabels } from '../db/schema';
import type { FeatureSnapshot } from './definitions';
import { platformHistoryAsOf } from './platform-history';

export interface TrainingRow {
  applicationId: string;
  decisionId: string;
  /** The point in time every feature value is as of. */
  asOf: Date;
  featureSetVersion: string;
  features: FeatureSnapshot;
  label: 'good' | 'bad' | null;
  labelObservedAt: Date | null;
}

/**
 * Offline training frame: one row per automated decision in [from, to), with the feature values
 * as of the decision time (the snapshot stored then; platform-history features are recomputed
 * with the same point-in-time query as a check), and the outcome label observed later, if any
 * by `labelsAsOf`. Labels are the target; nothing observed after the decision enters a feature.
 */
export async function buildTrainingFrame(db: DbOrTx, window: { from: Date; to: Date; labelsAsOf: Date }): Promise<TrainingRow[]> {
  const rows = await db
    .select()
    .from(decisions)
    .where(and(eq(decisions.kind, 'automated'), gte(decisions.decidedAt, window.from), lt(decisions.decidedAt, window.to)))
    .orderBy(asc(decisions.seq));
  const labelRows = await db.select().from(outcomeLabels).where(lte(outcomeLabels.observedAt, window.labelsAsOf)).orderBy(asc(outcomeLabels.observedAt));
  const labels = new Map(labelRows.map((l) => [l.applicationId, l]));
  const out: TrainingRow[] = [];
  for (const row of rows) {
    const features = { ...(row.features as FeatureSnapshot) };
    const history = await platformHistoryAsOf(db, row.borrowerId, row.decidedAt);
    // The stored snapshot is authoritative; a disagreement means the history was rewritten.
    if (features.prior_applications_90d !== history.priorApplications90d) {
      throw new Error(`point-in-time check failed for ${row.applicationId}: prior_applications_90d ${String(features.prior_applications_90d)} ≠ ${history.priorApplications90d}`);
    }
    const label = labels.get(row.applicationId);
    out.push({ applicationId: row.applicationId, decisionId: row.id, asOf: row.decidedAt, featureSetVersion: row.featureSetVersion, features, label: label?.label ?? null, labelObservedAt: label?.observedAt ?? null });
  }
  return out;
}
