import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type QueueName } from './queue-registry';

export type QueueSet = Record<QueueName, Queue> & { closeAll(): Promise<void> };

/** One BullMQ Queue per registered queue, all under the given key prefix. */
export function openQueues(connection: Redis, prefix: string): QueueSet {
  const entries = (Object.keys(QUEUES) as QueueName[]).map((name) => [
    name,
    new Queue(name, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: QUEUES[name].attempts,
        backoff: { type: 'exponential', delay: 1_000 },
        // Keep finished jobs for a while so a re-added duplicate id is recognised and ignored.
        removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    }),
  ]);
  const queues = Object.fromEntries(entries) as Record<QueueName, Queue>;
  const list = Object.values(queues);
  return Object.assign(queues, {
    closeAll: async () => {
      await Promise.all(list.map((q) => q.close()));
    },
  });
}
