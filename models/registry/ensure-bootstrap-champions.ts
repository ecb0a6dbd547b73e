/**
 * First use: when no approved champion exists for a kind, the shipped bootstrap model is
 * registered as that kind's approved champion. This approval is recorded as made by the
 * system at install time (requester and approver `system:install`, a `model_approvals` row
 * with the install time): it is the only approval that bypasses four-eyes review, it happens
 * once per kind, and every later champion goes through validation and a second analyst.
 */
import { kindColumns, bootstrapTrainingData } from '../bootstrap/bootstrap-data';
import { loadBootstrapArtifact, type BootstrapOptions } from '../bootstrap/load-bootstrap';
import { datasetFromRows } from '../data/load-dataset';
import type { ModelKind } from '../scoring-types';
import type { ModelVersion } from './model-version';
import type { ModelRegistryRepository } from './repository';
import { baselineOf, evaluateArtifact } from './version-metrics';

export const INSTALL_ACTOR = 'system:install';
const KINDS: readonly ModelKind[] = ['credit', 'fraud'];

async function hasChampion(repo: ModelRegistryRepository, kind: ModelKind): Promise<boolean> {
  return (await repo.activeRoles(kind)).some((r) => r.role === 'champion' && r.status === 'approved');
}

async function bootstrapVersion(kind: ModelKind, now: Date, options: BootstrapOptions): Promise<ModelVersion> {
  const { artifact, id } = await loadBootstrapArtifact(kind, options);
  const data = bootstrapTrainingData(kind);
  const cols = kindColumns(kind);
  const ds = datasetFromRows(data.rows, { target: cols.label, positive: '1', numeric: cols.numeric, categorical: cols.categorical });
  return {
    id,
    kind,
    name: `${kind} bootstrap`,
    artifact,
    metrics: { evaluation: evaluateArtifact(artifact, ds, 'training data (in-sample: the bootstrap has no separate holdout)'), baseline: baselineOf(artifact, ds), trainingSource: data.source },
    trainingDataHash: data.dataHash,
    featureSetVersion: artifact.featureSetVersion,
    owner: 'risk-models',
    intendedUse: kind === 'credit' ? 'probability of default for instant loan decisions until a platform-trained model is approved' : 'application fraud probability for instant loan decisions until a platform-trained model is approved',
    status: 'approved',
    role: 'champion',
    createdBy: INSTALL_ACTOR,
    createdAt: now,
  };
}

/** Returns the ids it registered (none when every kind already has its champion). */
export async function ensureBootstrapChampions(repo: ModelRegistryRepository, now: Date, options: BootstrapOptions = {}): Promise<string[]> {
  const registered: string[] = [];
  for (const kind of KINDS) {
    if (await hasChampion(repo, kind)) continue;
    const v = await bootstrapVersion(kind, now, options);
    if (await repo.getVersion(v.id)) continue; // registered before and since retired: an analyst decides what replaces it
    try {
      await repo.insertVersion(v);
    } catch (error) {
      // Another process registered it at the same moment.
      if (await repo.getVersion(v.id)) continue;
      throw error;
    }
    await repo.insertPromotionRequest({ id: `apr_install_${v.id}`, modelVersionId: v.id, requestedBy: INSTALL_ACTOR, requestedAt: now, approvedBy: INSTALL_ACTOR, approvedAt: now });
    registered.push(v.id);
  }
  return registered;
}
