/** Champion vs challenger on the same live traffic (shadow scores), with AUC where outcomes are known. */
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { decisions, outcomeLabels } from '../../db/schema';
import { modelShadowScores } from '../../db/schema/models';
import type { ModelKind } from '../scoring-types';
import { compareShadow, type ShadowComparison } from './live-scoring';
import { PostgresModelRegistryRepository } from './postgres-repository';

export interface ShadowComparisonReport {
  kind: ModelKind;
  championId: string | null;
  challengerId: string | null;
  threshold: number;
  comparison: ShadowComparison | null;
}

export async function shadowComparisonReport(db: DbOrTx, kind: ModelKind, threshold: number): Promise<ShadowComparisonReport> {
  const repo = new PostgresModelRegistryRepository(db);
  const roles = await repo.activeRoles(kind);
  const championId = roles.find((r) => r.role === 'champion')?.id ?? null;
  const challengerId = roles.find((r) => r.role === 'challenger')?.id ?? null;
  if (!championId || !challengerId) return { kind, championId, challengerId, threshold, comparison: null };
  const labelled = await db
    .select({ requestId: modelShadowScores.requestId, label: outcomeLabels.label })
    .from(modelShadowScores)
    .innerJoin(decisions, eq(decisions.id, modelShadowScores.requestId))
    .innerJoin(outcomeLabels, eq(outcomeLabels.applicationId, decisions.applicationId))
    .where(inArray(modelShadowScores.challengerId, [challengerId]));
  const outcomes = labelled.length ? new Map(labelled.map((l) => [l.requestId, (l.label === 'bad' ? 1 : 0) as 0 | 1])) : undefined;
  const comparison = await compareShadow(repo, championId, challengerId, threshold, outcomes);
  const clean = JSON.parse(JSON.stringify(comparison, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as ShadowComparison;
  return { kind, championId, challengerId, threshold, comparison: clean };
}
