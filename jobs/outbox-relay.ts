import { and, asc, eq, isNull, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Clock } from '../kernel/clock';
import { outbox, processedJobs } from '../db/schema';
import { isQueueName, parsePayload } from './queue-registry';
import type { QueueSet } from './queues';

/** BullMQ job ids may not contain ':' (its key separator). */
export function jobIdFor(dedupeKey: string): string {
  return dedupeKey.replaceAll(':', '_');
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with SKIP LOCKED so several relays
 * can run; the BullMQ job id is the business key, so re-adding after a crash is a no-op.
 */
export async function relayOutbox(deps: { db: Db; clock: Clock }, queues: QueueSet, batchSize = 200): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(and(isNull(outbox.relayedAt), lte(outbox.availableAt, deps.clock.now())))
      .orderBy(asc(outbox.createdAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    let relayed = 0;
    for (const row of rows) {
      if (!isQueueName(row.queue)) {
        console.error(`[outbox] row ${row.id} names unknown queue ${row.queue}; left in place`);
        continue;
      }
      const payload = parsePayload(row.queue, row.payload);
      await queues[row.queue].add(row.jobName, payload, { jobId: jobIdFor(row.dedupeKey) });
      await tx.update(outbox).set({ relayedAt: deps.clock.now(), relayAttempts: sql`${outbox.relayAttempts} + 1` }).where(eq(outbox.id, row.id));
      relayed += 1;
    }
    return relayed;
  });
}

/**
 * Re-enqueues relayed jobs that never completed and that BullMQ no longer knows (Redis lost
 * them: restarted without persistence, flushed, evicted). Completion is recorded by the
 * idempotent processor in `processed_jobs`, in the same transaction as the job's effect.
 */
export async function sweepLostJobs(deps: { db: Db; clock: Clock }, queues: QueueSet, olderThanMs = 60_000, batchSize = 500): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  const rows = await deps.db
    .select({ id: outbox.id, queue: outbox.queue, jobName: outbox.jobName, payload: outbox.payload, dedupeKey: outbox.dedupeKey })
    .from(outbox)
    .leftJoin(processedJobs, and(eq(processedJobs.queue, outbox.queue), eq(processedJobs.businessKey, outbox.dedupeKey)))
    .where(and(isNotNull(outbox.relayedAt), lte(outbox.relayedAt, cutoff), isNull(processedJobs.businessKey)))
    .limit(batchSize);
  let requeued = 0;
  for (const row of rows) {
    if (!isQueueName(row.queue)) continue;
    const queue = queues[row.queue];
    const jobId = jobIdFor(row.dedupeKey);
    const job = await queue.getJob(jobId);
    const state = job ? await job.getState() : 'unknown';
    // A job that failed for good stays failed (a person looks at it); only vanished jobs return.
    if (!job || state === 'unknown') {
      await queue.add(row.jobName, parsePayload(row.queue, row.payload), { jobId });
      requeued += 1;
    }
  }
  return requeued;
}
