import { toJsonValue } from '../kernel/canonical-json';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import type { DbOrTx } from './client';
import { outbox } from './schema';

export interface OutboxMessage {
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  /** The business key: at most one job per (queue, dedupeKey), ever. */
  dedupeKey: string;
  availableAt?: Date;
}

/**
 * Records a job inside the caller's business transaction. It reaches BullMQ only if the
 * transaction commits (the relay in jobs/ picks it up), so no job runs for rolled-back work.
 */
export async function enqueueInTransaction(tx: DbOrTx, clock: Clock, message: OutboxMessage): Promise<void> {
  const now = clock.now();
  await tx
    .insert(outbox)
    .values({
      id: newId('obx', clock),
      queue: message.queue,
      jobName: message.jobName,
      payload: toJsonValue(message.payload),
      dedupeKey: message.dedupeKey,
      createdAt: now,
      availableAt: message.availableAt ?? now,
    })
    .onConflictDoNothing();
}
