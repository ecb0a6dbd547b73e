/**
 * Runs a registry change for an analyst: in one transaction with its audit entry, registry
 * errors turned into the platform's error codes (the approver being the requester or the
 * creator is FORBIDDEN, a wrong state is CONFLICT).
 */
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import { AppError, type ErrorCode } from '../../kernel/errors';
import { RegistryError, type RegistryErrorCode } from './errors';
import { PostgresModelRegistryRepository } from './postgres-repository';
import type { ModelRegistryRepository } from './repository';

const CODES: Record<RegistryErrorCode, ErrorCode> = { NOT_FOUND: 'NOT_FOUND', SAME_PERSON: 'FORBIDDEN', INVALID_STATE: 'CONFLICT', KIND_MISMATCH: 'BUSINESS_RULE' };

export async function runRegistryCommand<T>(
  deps: { db: Db; clock: Clock },
  audit: { actorId: string; action: string; modelVersionId: string; data?: Record<string, unknown> },
  command: (repo: ModelRegistryRepository) => Promise<T>,
): Promise<T> {
  try {
    return await deps.db.transaction(async (tx) => {
      const result = await command(new PostgresModelRegistryRepository(tx));
      await appendAudit(tx, deps.clock, { actorId: audit.actorId, action: audit.action, subjectType: 'model_version', subjectId: audit.modelVersionId, data: audit.data });
      return result;
    });
  } catch (error) {
    if (error instanceof RegistryError) throw new AppError(CODES[error.code], error.message, { modelVersionId: audit.modelVersionId });
    throw error;
  }
}
