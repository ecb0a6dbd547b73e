import { toJsonValue } from '../kernel/canonical-json';
import { and, eq } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import type { Db, Tx } from '../db/client';
import { processedJobs } from '../db/schema';
import type { Clock } from '../kernel/clock';
import { isAppError, toAppError } from '../kernel/errors';
import { parsePayload, type JobPayload, type QueueName } from './queue-registry';

export interface ProcessorDeps {
  db: Db;
  clock: Clock;
}

/**
 * Wraps a job handler so its effect happens at most once per business key, even though
 * BullMQ delivers at least once: the `processed_jobs` row and the effect commit together.
 * Non-retryable AppErrors fail the job for good instead of burning retries.
 */
export function idempotentProcessor<Q extends QueueName>(
  queue: Q,
  deps: ProcessorDeps,
  businessKey: (payload: JobPayload<Q>) => string,
  handler: (tx: Tx, payload: JobPayload<Q>, job: Job) => Promise<unknown>,
): (job: Job) => Promise<unknown> {
  return async (job: Job) => {
    const payload = parsePayload(queue, job.data);
    const key = businessKey(payload);
    try {
      return await deps.db.transaction(async (tx) => {
        const claimed = await tx
          .insert(processedJobs)
          .values({ queue, businessKey: key, processedAt: deps.clock.now() })
          .onConflictDoNothing()
          .returning({ key: processedJobs.businessKey });
        if (claimed.length === 0) return { skipped: true, reason: 'already processed', businessKey: key };
        const result = await handler(tx, payload, job);
        const stored = toJsonValue(result ?? null);
        await tx.update(processedJobs).set({ result: stored }).where(sqlKey(queue, key));
        // BullMQ stores the return value as JSON: hand it the bigint-safe copy.
        return stored;
      });
    } catch (error) {
      if (isAppError(error) && !error.retryable) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw toAppError(error);
    }
  };
}

function sqlKey(queue: string, key: string) {
  return and(eq(processedJobs.queue, queue), eq(processedJobs.businessKey, key));
}
