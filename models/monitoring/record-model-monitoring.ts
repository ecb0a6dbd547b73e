/**
 * The monthly monitoring job's use case: one stored report per kind and period (the month
 * the last 30 days mostly fall in, China time). Re-running a period keeps the first report.
 */
import type { DbOrTx } from '../../db/client';
import { modelMonitoringReports } from '../../db/schema/models';
import { chinaDate } from '../../kernel/calendar';
import type { Clock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import type { ModelKind } from '../scoring-types';
import { computeModelMonitoring } from './model-monitoring';

export function monitoringPeriod(now: Date): string {
  return chinaDate(new Date(now.getTime() - 86_400_000)).slice(0, 7);
}

export async function recordModelMonitoring(deps: { db: DbOrTx; clock: Clock; decrypt?: (c: string) => string }, input: { period?: string } = {}): Promise<Array<{ kind: ModelKind; period: string; status: string; stored: boolean }>> {
  const now = deps.clock.now();
  const period = input.period ?? monitoringPeriod(now);
  const out: Array<{ kind: ModelKind; period: string; status: string; stored: boolean }> = [];
  for (const kind of ['credit', 'fraud'] as const) {
    const report = await computeModelMonitoring(deps.db, { kind, now, decrypt: deps.decrypt });
    const inserted = await deps.db
      .insert(modelMonitoringReports)
      .values({ id: newId('mmr', deps.clock), kind, period, modelVersionId: report.modelVersionId, status: report.status, report: JSON.parse(JSON.stringify(report)), createdAt: now })
      .onConflictDoNothing()
      .returning({ id: modelMonitoringReports.id });
    out.push({ kind, period, status: report.status, stored: inserted.length > 0 });
  }
  return out;
}
