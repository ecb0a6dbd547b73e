/** Registry records: model versions, approvals and shadow comparisons. */
import type { ModelKind } from '../scoring-types';
import type { ModelArtifact } from '../score/artifact';

export const VALIDATION_STATUSES = ['draft', 'validated', 'approved', 'retired'] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

export type ModelRole = 'none' | 'challenger' | 'champion';

export interface ModelVersion {
  id: string;
  kind: ModelKind;
  name: string;
  artifact: ModelArtifact;
  metrics: Record<string, unknown>;
  trainingDataHash: string;
  featureSetVersion: string;
  owner: string;
  intendedUse: string;
  status: ValidationStatus;
  role: ModelRole;
  createdBy: string;
  createdAt: Date;
}

export type ModelVersionSummary = Omit<ModelVersion, 'artifact' | 'metrics'>;

export interface VersionRole {
  id: string;
  role: ModelRole;
  status: ValidationStatus;
}

export interface PromotionRequest {
  id: string;
  modelVersionId: string;
  requestedBy: string;
  requestedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export interface ShadowScore {
  requestId: string;
  championId: string;
  challengerId: string;
  championProbability: number;
  challengerProbability: number;
  scoredAt: Date;
}
