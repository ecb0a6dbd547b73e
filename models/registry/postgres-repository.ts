/** Registry storage in Postgres (tables in db/schema/models.ts). */
import { and, desc, eq, getTableColumns, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { modelApprovals, modelShadowScores, modelVersions } from '../../db/schema/models';
import type { ModelKind } from '../scoring-types';
import type { ModelArtifact } from '../score/artifact';
import type { ModelRole, ModelVersion, PromotionRequest, ShadowScore, ValidationStatus } from './model-version';
import type { ModelRegistryRepository } from './repository';

type VersionRow = typeof modelVersions.$inferSelect;

const { artifact: _artifact, metrics: _metrics, ...summaryColumns } = getTableColumns(modelVersions);

const toVersion = (r: VersionRow): ModelVersion => ({
  ...r,
  artifact: r.artifact as ModelArtifact,
  metrics: r.metrics as Record<string, unknown>,
});

export class PostgresModelRegistryRepository implements ModelRegistryRepository {
  constructor(private readonly db: DbOrTx) {}

  async insertVersion(v: ModelVersion) {
    await this.db.insert(modelVersions).values(v);
  }
  async getVersion(id: string) {
    const [r] = await this.db.select().from(modelVersions).where(eq(modelVersions.id, id));
    return r ? toVersion(r) : undefined;
  }
  async listVersions(kind?: ModelKind) {
    const rows = kind ? await this.db.select().from(modelVersions).where(eq(modelVersions.kind, kind)) : await this.db.select().from(modelVersions);
    return rows.map(toVersion);
  }
  async updateVersion(id: string, patch: { status?: ValidationStatus; role?: ModelRole }) {
    await this.db.update(modelVersions).set(patch).where(eq(modelVersions.id, id));
  }
  async insertPromotionRequest(r: PromotionRequest) {
    await this.db.insert(modelApprovals).values(r);
  }
  async getPromotionRequest(id: string) {
    const [r] = await this.db.select().from(modelApprovals).where(eq(modelApprovals.id, id));
    return r;
  }
  async updatePromotionRequest(id: string, patch: { approvedBy: string; approvedAt: Date }) {
    await this.db.update(modelApprovals).set(patch).where(eq(modelApprovals.id, id));
  }
  async insertShadowScore(s: ShadowScore) {
    await this.db.insert(modelShadowScores).values(s);
  }
  async listShadowScores(championId: string, challengerId: string) {
    return this.db.select().from(modelShadowScores).where(and(eq(modelShadowScores.championId, championId), eq(modelShadowScores.challengerId, challengerId)));
  }
  async listVersionSummaries(kind?: ModelKind) {
    const q = this.db.select(summaryColumns).from(modelVersions);
    return kind ? q.where(eq(modelVersions.kind, kind)) : q;
  }
  async activeRoles(kind: ModelKind) {
    return this.db
      .select({ id: modelVersions.id, role: modelVersions.role, status: modelVersions.status })
      .from(modelVersions)
      .where(and(eq(modelVersions.kind, kind), ne(modelVersions.role, 'none')));
  }
  async insertShadowScores(rows: ShadowScore[]) {
    if (rows.length > 0) await this.db.insert(modelShadowScores).values(rows);
  }
  async pendingPromotionRequest(modelVersionId: string) {
    const [r] = await this.db
      .select()
      .from(modelApprovals)
      .where(and(eq(modelApprovals.modelVersionId, modelVersionId), isNull(modelApprovals.approvedBy)))
      .orderBy(desc(modelApprovals.requestedAt))
      .limit(1);
    return r;
  }
}
