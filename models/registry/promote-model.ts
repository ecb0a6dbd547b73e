/**
 * Validation and champion promotion under four-eyes control: a promotion is requested by
 * one analyst and must be approved by another who is neither the requester nor the
 * model's creator. Only an approved champion scores live traffic.
 */
import { RegistryError } from './errors';
import type { PromotionRequest, ValidationStatus } from './model-version';
import type { ModelRegistryRepository } from './repository';

const ALLOWED: Record<ValidationStatus, ValidationStatus[]> = {
  draft: ['validated', 'retired'],
  validated: ['retired'],
  approved: ['retired'],
  retired: [],
};

export async function markValidated(repo: ModelRegistryRepository, id: string): Promise<void> {
  const v = await repo.getVersion(id);
  if (!v) throw new RegistryError('NOT_FOUND', `model version ${id} not found`);
  if (!ALLOWED[v.status].includes('validated')) throw new RegistryError('INVALID_STATE', `cannot validate a ${v.status} model`);
  await repo.updateVersion(id, { status: 'validated' });
}

export async function retireModel(repo: ModelRegistryRepository, id: string): Promise<void> {
  const v = await repo.getVersion(id);
  if (!v) throw new RegistryError('NOT_FOUND', `model version ${id} not found`);
  // Live traffic always needs a champion: it is replaced by a promotion, never retired alone.
  if (v.role === 'champion') throw new RegistryError('INVALID_STATE', 'the champion cannot be retired: approve the promotion of a replacement, which retires it');
  await repo.updateVersion(id, { status: 'retired', role: 'none' });
}

export async function requestPromotion(repo: ModelRegistryRepository, input: { requestId: string; modelVersionId: string; requestedBy: string; now: Date }): Promise<PromotionRequest> {
  const v = await repo.getVersion(input.modelVersionId);
  if (!v) throw new RegistryError('NOT_FOUND', `model version ${input.modelVersionId} not found`);
  if (v.status !== 'validated') throw new RegistryError('INVALID_STATE', `only a validated model can be proposed as champion (status: ${v.status})`);
  const r: PromotionRequest = { id: input.requestId, modelVersionId: v.id, requestedBy: input.requestedBy, requestedAt: input.now, approvedBy: null, approvedAt: null };
  await repo.insertPromotionRequest(r);
  return r;
}

/** Second analyst approves: the version becomes `approved` and the champion of its kind; the old champion is retired. */
export async function approvePromotion(repo: ModelRegistryRepository, input: { requestId: string; approver: string; now: Date }): Promise<void> {
  const r = await repo.getPromotionRequest(input.requestId);
  if (!r) throw new RegistryError('NOT_FOUND', `promotion request ${input.requestId} not found`);
  if (r.approvedBy) throw new RegistryError('INVALID_STATE', 'promotion already approved');
  const v = await repo.getVersion(r.modelVersionId);
  if (!v) throw new RegistryError('NOT_FOUND', `model version ${r.modelVersionId} not found`);
  if (input.approver === r.requestedBy || input.approver === v.createdBy) {
    throw new RegistryError('SAME_PERSON', 'promotion needs a second analyst: the approver must differ from the requester and the creator');
  }
  if (v.status !== 'validated') throw new RegistryError('INVALID_STATE', `model is ${v.status}, not validated`);
  for (const other of await repo.listVersions(v.kind)) {
    if (other.role === 'champion') await repo.updateVersion(other.id, { role: 'none', status: 'retired' });
  }
  await repo.updatePromotionRequest(r.id, { approvedBy: input.approver, approvedAt: input.now });
  await repo.updateVersion(v.id, { status: 'approved', role: 'champion' });
}

/** A validated (or approved) non-champion version can shadow-score as challenger. */
export async function setChallenger(repo: ModelRegistryRepository, id: string): Promise<void> {
  const v = await repo.getVersion(id);
  if (!v) throw new RegistryError('NOT_FOUND', `model version ${id} not found`);
  if (v.role === 'champion') throw new RegistryError('INVALID_STATE', 'the champion cannot also be the challenger');
  if (v.status === 'retired') throw new RegistryError('INVALID_STATE', 'a retired model cannot be a challenger');
  for (const other of await repo.listVersions(v.kind)) if (other.role === 'challenger') await repo.updateVersion(other.id, { role: 'none' });
  await repo.updateVersion(id, { role: 'challenger' });
}
