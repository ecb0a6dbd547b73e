/**
 * An analyst asks for a retrain: the training job is recorded in the caller's transaction
 * (outbox, queue `training`) under the business key `train:<new version id>`; the job runs
 * sandboxed and registers that version as a draft challenger.
 */
import type { DbOrTx } from '../../db/client';
import { enqueueInTransaction } from '../../db/outbox';
import type { Clock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import type { ModelKind } from '../scoring-types';

export const trainingDedupeKey = (modelVersionId: string) => `train:${modelVersionId}`;

export async function requestRetrain(tx: DbOrTx, clock: Clock, input: { kind: ModelKind; name: string; requestedBy: string }): Promise<{ modelVersionId: string; dedupeKey: string }> {
  const modelVersionId = newId('mdl', clock);
  const dedupeKey = trainingDedupeKey(modelVersionId);
  await enqueueInTransaction(tx, clock, { queue: 'training', jobName: 'retrain', payload: { kind: input.kind, requestedBy: input.requestedBy, name: input.name }, dedupeKey });
  return { modelVersionId, dedupeKey };
}
