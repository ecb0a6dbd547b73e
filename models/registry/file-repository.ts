/** JSON-file registry for the CLI and local use (the platform uses the Postgres repository). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ModelRole, ModelVersion, PromotionRequest, ShadowScore, ValidationStatus } from './model-version';
import { InMemoryModelRegistryRepository } from './repository';

interface Stored {
  versions: ModelVersion[];
  requests: PromotionRequest[];
  shadow: ShadowScore[];
}

const revive = (k: string, v: unknown) => (typeof v === 'string' && /At$/.test(k) && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v) : v);

export class FileModelRegistryRepository extends InMemoryModelRegistryRepository {
  private readonly file: string;

  constructor(dir: string) {
    super();
    this.file = path.join(dir, 'registry.json');
    if (existsSync(this.file)) {
      const s = JSON.parse(readFileSync(this.file, 'utf8'), revive) as Stored;
      for (const v of s.versions) this.versions.set(v.id, v);
      for (const r of s.requests) this.requests.set(r.id, r);
      this.shadow.push(...s.shadow);
    }
  }

  private save() {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const s: Stored = { versions: [...this.versions.values()], requests: [...this.requests.values()], shadow: this.shadow };
    writeFileSync(this.file, JSON.stringify(s));
  }

  override async insertVersion(v: ModelVersion) {
    await super.insertVersion(v);
    this.save();
  }
  override async updateVersion(id: string, patch: { status?: ValidationStatus; role?: ModelRole }) {
    await super.updateVersion(id, patch);
    this.save();
  }
  override async insertPromotionRequest(r: PromotionRequest) {
    await super.insertPromotionRequest(r);
    this.save();
  }
  override async updatePromotionRequest(id: string, patch: { approvedBy: string; approvedAt: Date }) {
    await super.updatePromotionRequest(id, patch);
    this.save();
  }
  override async insertShadowScore(s: ShadowScore) {
    await super.insertShadowScore(s);
    this.save();
  }
  override async insertShadowScores(rows: ShadowScore[]) {
    this.shadow.push(...rows.map((r) => ({ ...r })));
    this.save();
  }
}
