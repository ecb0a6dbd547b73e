/**
 * Test helper, run with `tsx` as a separate process (like `npm run worker`): starts the real
 * training worker (sandboxed file from buildProcessors' wiring), adds one training job and
 * prints its result as JSON. Proves the forked child inherits the tsx loader.
 */
import { loadConfig } from '../../../kernel/config';
import { workerConnection } from '../../connections';
import { openQueues } from '../../queues';
import { startWorkers } from '../../start-workers';
import { TRAINING_SANDBOX_FILE } from '../index';

const [jobId] = process.argv.slice(2);
const config = loadConfig();
const queues = openQueues(workerConnection(config.REDIS_URL), config.REDIS_PREFIX);
const workers = startWorkers(workerConnection(config.REDIS_URL), config.REDIS_PREFIX, { training: { sandboxFile: TRAINING_SANDBOX_FILE, concurrency: 1 } });
try {
  const job = await queues.training.add('retrain', { kind: 'credit', requestedBy: 'sandbox-test', name: 'sandboxed' }, { jobId: jobId!, attempts: 1 });
  for (let i = 0; i < 600; i++) {
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const done = (await queues.training.getJob(jobId!))!;
  console.log(JSON.stringify({ state: await done.getState(), result: done.returnvalue ?? null, failedReason: done.failedReason ?? null, progress: done.progress }));
} finally {
  await workers.close();
  await queues.closeAll();
  process.exit(0);
}
