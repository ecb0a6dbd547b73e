/**
 * Model monitoring (REQUIREMENTS 11) for a kind's champion: PSI per feature and for the score
 * between its training baseline and recent automated decisions (< 0.1 stable, 0.1–0.25 watch,
 * > 0.25 alert); AUC/KS and actual vs expected default by grade on labelled decisions; and the
 * four-fifths screen of approval rates across age bands and gender. Age and gender come from
 * the KYC identity (age as stored in the snapshot, gender decrypted here); they are reported,
 * never model inputs.
 */
import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { decisions, identities, outcomeLabels } from '../../db/schema';
import type { FeatureSnapshot } from '../../feature-store/definitions';
import { creditModelRow, fraudModelRow } from '../../feature-store/model-rows';
import { auc, ks } from '../eval/metrics';
import { PostgresModelRegistryRepository } from '../registry/postgres-repository';
import { storedBaseline } from '../registry/version-metrics';
import { RegistryError } from '../registry/errors';
import { compileModel } from '../score/compiled-model';
import type { ModelKind } from '../scoring-types';
import { psiAgainstBaseline } from './baseline';
import { defaultByGrade, type GradeRow } from './default-by-grade';
import { ageBand, approvalParity, type ParityGroup } from './fairness';
import type { PsiStatus } from './psi';
import type { StabilityReport } from './stability-report';

export interface MonitoringReport {
  kind: ModelKind;
  modelVersionId: string;
  window: { from: string; to: string; decisions: number };
  status: PsiStatus;
  stability: StabilityReport | null;
  discrimination: { labelled: number; auc: number | null; ks: number | null };
  defaultByGrade: GradeRow[];
  fairness: { approvalBy: 'approved or counter-offer'; ageBands: ParityGroup[]; gender: ParityGroup[]; passesFourFifths: boolean };
  notes: string[];
}

const RANK: Record<PsiStatus, number> = { stable: 0, watch: 1, alert: 2 };
const MAX_ROWS = 50_000;
const finite = (v: number) => (Number.isFinite(v) ? v : null);

async function gendersOf(db: DbOrTx, userIds: string[], decrypt?: (c: string) => string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!decrypt || userIds.length === 0) return out;
  for (let i = 0; i < userIds.length; i += 1_000) {
    const rows = await db.select({ userId: identities.userId, genderEnc: identities.genderEnc }).from(identities).where(inArray(identities.userId, userIds.slice(i, i + 1_000)));
    for (const r of rows) out.set(r.userId, decrypt(r.genderEnc));
  }
  return out;
}

export async function computeModelMonitoring(db: DbOrTx, input: { kind: ModelKind; now: Date; windowDays?: number; decrypt?: (ciphertext: string) => string }): Promise<MonitoringReport> {
  const repo = new PostgresModelRegistryRepository(db);
  const champ = (await repo.activeRoles(input.kind)).find((r) => r.role === 'champion' && r.status === 'approved');
  if (!champ) throw new RegistryError('NOT_FOUND', `no approved ${input.kind} champion`);
  const version = (await repo.getVersion(champ.id))!;
  const from = new Date(input.now.getTime() - (input.windowDays ?? 30) * 86_400_000);
  const notes: string[] = [];

  const recent = await db
    .select({ borrowerId: decisions.borrowerId, features: decisions.features, outcome: decisions.outcome })
    .from(decisions)
    .where(and(eq(decisions.kind, 'automated'), gte(decisions.decidedAt, from), lt(decisions.decidedAt, input.now)))
    .orderBy(desc(decisions.seq))
    .limit(MAX_ROWS);
  const toRow = input.kind === 'credit' ? creditModelRow : fraudModelRow;
  const rows = recent.map((d) => toRow(d.features as FeatureSnapshot));
  const model = compileModel(version.artifact);
  const probabilities = rows.map((r) => model.probability(r));
  const baseline = storedBaseline(version.metrics);
  let stability: StabilityReport | null = null;
  if (!baseline) notes.push('the champion has no stored training baseline: PSI not computed');
  else if (rows.length === 0) notes.push('no automated decisions in the window: PSI not computed');
  else stability = psiAgainstBaseline(baseline, rows, probabilities);
  const status = stability ? [stability.score, ...stability.features].map((s) => s.status).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'stable' as PsiStatus) : 'stable';

  // Labelled decisions (any time up to now): discrimination and actual vs expected by grade.
  const labelled = await db
    .select({ pd: decisions.pd, grade: decisions.grade, scores: decisions.scores, label: outcomeLabels.label })
    .from(decisions)
    .innerJoin(outcomeLabels, eq(outcomeLabels.applicationId, decisions.applicationId))
    .where(and(eq(decisions.kind, 'automated'), lt(outcomeLabels.observedAt, input.now)))
    .limit(MAX_ROWS);
  const scored = labelled.map((l) => ({ p: input.kind === 'credit' ? (l.pd ?? NaN) : Number((l.scores as { fraud?: { probability?: number } }).fraud?.probability ?? NaN), grade: l.grade, bad: l.label === 'bad' ? 1 : 0 })).filter((s) => Number.isFinite(s.p));
  if (input.kind === 'fraud' && scored.length > 0) notes.push('fraud discrimination uses default labels as a proxy: the platform records no confirmed-fraud labels');
  const byGrade = input.kind === 'credit' ? defaultByGrade(scored.filter((s) => s.grade).map((s) => ({ grade: s.grade!, probability: s.p, defaulted: s.bad === 1 }))) : [];

  const genders = await gendersOf(db, [...new Set(recent.map((d) => d.borrowerId))], input.decrypt);
  if (!input.decrypt) notes.push('gender not available to this process: gender screen omitted');
  const approved = (o: string) => o === 'approved' || o === 'counter_offer';
  const ageBands = approvalParity(recent.map((d) => ({ group: ageBand(typeof (d.features as FeatureSnapshot).age_years === 'number' ? ((d.features as FeatureSnapshot).age_years as number) : null), approved: approved(d.outcome) })));
  const gender = input.decrypt ? approvalParity(recent.map((d) => ({ group: genders.get(d.borrowerId) ?? 'unknown', approved: approved(d.outcome) }))) : [];

  return {
    kind: input.kind,
    modelVersionId: version.id,
    window: { from: from.toISOString(), to: input.now.toISOString(), decisions: recent.length },
    status,
    stability,
    discrimination: { labelled: scored.length, auc: scored.length ? finite(auc(scored.map((s) => s.p), scored.map((s) => s.bad))) : null, ks: scored.length ? finite(ks(scored.map((s) => s.p), scored.map((s) => s.bad))) : null },
    defaultByGrade: byGrade,
    fairness: { approvalBy: 'approved or counter-offer', ageBands, gender, passesFourFifths: [...ageBands, ...gender].every((g) => g.passesFourFifths) },
    notes,
  };
}
