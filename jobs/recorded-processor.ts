import { toJsonValue } from '../kernel/canonical-json';
import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { processedJobs } from '../db/schema';
import { isAppError, toAppError } from '../kernel/errors';
import type { ProcessorDeps } from './idempotent-processor';
import { parsePayload, type JobPayload, type QueueName } from './queue-registry';

/**
 * For use cases that run their own transactions and are idempotent by their own business key
 * (contract per listing, disbursement per listing, reconciliation per date): run the use case,
 * then record completion so the sweeper knows the job is done. A crash between the two just
 * reruns the use case, which is a no-op the second time.
 */
export function recordedProcessor<Q extends QueueName>(
  queue: Q,
  deps: ProcessorDeps,
  businessKey: (payload: JobPayload<Q>) => string,
  handler: (payload: JobPayload<Q>, job: Job) => Promise<unknown>,
): (job: Job) => Promise<unknown> {
  return async (job: Job) => {
    const payload = parsePayload(queue, job.data);
    try {
      const result = await handler(payload, job);
      const stored = toJsonValue(result ?? null);
      await deps.db.insert(processedJobs).values({ queue, businessKey: businessKey(payload), processedAt: deps.clock.now(), result: stored }).onConflictDoNothing();
      return stored;
    } catch (error) {
      if (isAppError(error) && !error.retryable) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw toAppError(error);
    }
  };
}
