// Entry of every worker thread started by startTsWorker (ts-worker.ts): registers tsx in this
// thread (a worker does not inherit the parent's loader hooks, nor take `--import tsx` in its
// execArgv on Node 20), then loads the TypeScript module it was started for.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
