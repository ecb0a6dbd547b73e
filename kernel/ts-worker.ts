import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread running a TypeScript module, compiled by tsx as the processes
 * themselves are. The module reads its own data from `workerData.data`.
 */
export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'workerData'> & { data?: unknown } = {}): Worker {
  const { data, ...rest } = options;
  return new Worker(new URL('./ts-worker-bootstrap.mjs', import.meta.url), { ...rest, workerData: { entry: entry.href, data } });
}
