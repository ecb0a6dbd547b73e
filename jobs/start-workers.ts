import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { QueueName } from './queue-registry';

export type InlineProcessor = (job: Job) => Promise<unknown>;
/** A processor is a function (runs in the worker process) or a file path (sandboxed child process). */
export type ProcessorSpec = { inline: InlineProcessor; concurrency?: number } | { sandboxFile: string; concurrency?: number };

export interface WorkerSet {
  workers: Worker[];
  /** Stops taking new jobs and waits for the active ones to finish. */
  close(): Promise<void>;
}

export function startWorkers(connection: Redis, prefix: string, processors: Partial<Record<QueueName, ProcessorSpec>>): WorkerSet {
  const workers: Worker[] = [];
  for (const [queue, spec] of Object.entries(processors) as Array<[QueueName, ProcessorSpec]>) {
    const processor = 'inline' in spec ? spec.inline : spec.sandboxFile;
    const worker = new Worker(queue, processor, {
      connection,
      prefix,
      concurrency: spec.concurrency ?? 4,
      // CPU-heavy sandboxed jobs get a long lock so a busy child never loses its job.
      lockDuration: 'sandboxFile' in spec ? 300_000 : 30_000,
      useWorkerThreads: false,
    });
    worker.on('failed', (job, error) => console.error(`[worker] ${queue} job ${job?.id} failed: ${error.message}`));
    worker.on('error', (error) => console.error(`[worker] ${queue} error: ${error.message}`));
    workers.push(worker);
  }
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
