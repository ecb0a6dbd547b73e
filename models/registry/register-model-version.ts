/** Registers a freshly trained artifact as a draft version. */
import { createHash } from 'node:crypto';
import type { ModelArtifact } from '../score/artifact';
import type { ModelVersion } from './model-version';
import type { ModelRegistryRepository } from './repository';

export interface RegisterInput {
  id: string;
  name: string;
  artifact: ModelArtifact;
  metrics: Record<string, unknown>;
  trainingDataHash: string;
  owner: string;
  intendedUse: string;
  createdBy: string;
  now: Date;
}

export function hashTrainingData(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export async function registerModelVersion(repo: ModelRegistryRepository, input: RegisterInput): Promise<ModelVersion> {
  const v: ModelVersion = {
    id: input.id,
    kind: input.artifact.kind,
    name: input.name,
    artifact: input.artifact,
    metrics: input.metrics,
    trainingDataHash: input.trainingDataHash,
    featureSetVersion: input.artifact.featureSetVersion,
    owner: input.owner,
    intendedUse: input.intendedUse,
    status: 'draft',
    role: 'none',
    createdBy: input.createdBy,
    createdAt: input.now,
  };
  await repo.insertVersion(v);
  return v;
}
