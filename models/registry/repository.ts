/** Storage port for the registry, plus an in-memory implementation for unit tests and the CLI. */
import type { ModelKind } from '../scoring-types';
import type { ModelRole, ModelVersion, ModelVersionSummary, PromotionRequest, ShadowScore, ValidationStatus, VersionRole } from './model-version';

const summaryOf = ({ artifact: _a, metrics: _m, ...rest }: ModelVersion): ModelVersionSummary => structuredClone(rest);

export interface ModelRegistryRepository {
  insertVersion(v: ModelVersion): Promise<void>;
  getVersion(id: string): Promise<ModelVersion | undefined>;
  listVersions(kind?: ModelKind): Promise<ModelVersion[]>;
  updateVersion(id: string, patch: { status?: ValidationStatus; role?: ModelRole }): Promise<void>;
  insertPromotionRequest(r: PromotionRequest): Promise<void>;
  getPromotionRequest(id: string): Promise<PromotionRequest | undefined>;
  updatePromotionRequest(id: string, patch: { approvedBy: string; approvedAt: Date }): Promise<void>;
  insertShadowScore(s: ShadowScore): Promise<void>;
  listShadowScores(championId: string, challengerId: string): Promise<ShadowScore[]>;
  /** Versions without their artifact and metrics (lists). */
  listVersionSummaries(kind?: ModelKind): Promise<ModelVersionSummary[]>;
  /** The champion and challenger of a kind, ids only: the live path's cheap refresh. */
  activeRoles(kind: ModelKind): Promise<VersionRole[]>;
  /** Many shadow rows in one statement. */
  insertShadowScores(rows: ShadowScore[]): Promise<void>;
  /** The newest not yet approved promotion request for a version. */
  pendingPromotionRequest(modelVersionId: string): Promise<PromotionRequest | undefined>;
}

export class InMemoryModelRegistryRepository implements ModelRegistryRepository {
  readonly versions = new Map<string, ModelVersion>();
  readonly requests = new Map<string, PromotionRequest>();
  readonly shadow: ShadowScore[] = [];

  async insertVersion(v: ModelVersion) {
    if (this.versions.has(v.id)) throw new Error(`duplicate model version ${v.id}`);
    this.versions.set(v.id, structuredClone(v));
  }
  async getVersion(id: string) {
    const v = this.versions.get(id);
    return v ? structuredClone(v) : undefined;
  }
  async listVersions(kind?: ModelKind) {
    return [...this.versions.values()].filter((v) => !kind || v.kind === kind).map((v) => structuredClone(v));
  }
  async updateVersion(id: string, patch: { status?: ValidationStatus; role?: ModelRole }) {
    const v = this.versions.get(id);
    if (!v) throw new Error(`unknown model version ${id}`);
    Object.assign(v, patch);
  }
  async insertPromotionRequest(r: PromotionRequest) {
    this.requests.set(r.id, { ...r });
  }
  async getPromotionRequest(id: string) {
    const r = this.requests.get(id);
    return r ? { ...r } : undefined;
  }
  async updatePromotionRequest(id: string, patch: { approvedBy: string; approvedAt: Date }) {
    const r = this.requests.get(id);
    if (!r) throw new Error(`unknown promotion request ${id}`);
    Object.assign(r, patch);
  }
  async insertShadowScore(s: ShadowScore) {
    this.shadow.push({ ...s });
  }
  async listShadowScores(championId: string, challengerId: string) {
    return this.shadow.filter((s) => s.championId === championId && s.challengerId === challengerId).map((s) => ({ ...s }));
  }
  async listVersionSummaries(kind?: ModelKind) {
    return [...this.versions.values()].filter((v) => !kind || v.kind === kind).map(summaryOf);
  }
  async activeRoles(kind: ModelKind) {
    return [...this.versions.values()].filter((v) => v.kind === kind && v.role !== 'none').map(({ id, role, status }) => ({ id, role, status }));
  }
  async insertShadowScores(rows: ShadowScore[]) {
    for (const r of rows) await this.insertShadowScore(r);
  }
  async pendingPromotionRequest(modelVersionId: string) {
    const open = [...this.requests.values()].filter((r) => r.modelVersionId === modelVersionId && !r.approvedBy);
    const r = open.sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime())[0];
    return r ? { ...r } : undefined;
  }
}
