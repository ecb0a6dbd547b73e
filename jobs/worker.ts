import { connectDatabase } from '../db/client';
import { dispatchCustodyInstructions, SimulatedCustodianBank } from '../ledger';
import { ConfigError, loadConfig } from '../kernel/config';
import { systemClock } from '../kernel/clock';
import { producerConnection, workerConnection } from './connections';
import { relayOutbox, sweepLostJobs } from './outbox-relay';
import { buildProcessors } from './processors';
import { openQueues } from './queues';
import { installSchedules } from './schedules';
import { startWorkers } from './start-workers';

/**
 * `npm run worker`: runs every queue's processors, relays the outbox, sweeps lost jobs and
 * installs the repeatable schedules. Many workers may run against one Redis and database.
 * SIGTERM/SIGINT: stop taking jobs, finish the active ones, then exit.
 */
const RELAY_INTERVAL_MS = Number(process.env.WORKER_RELAY_INTERVAL_MS ?? 500);
// Ledger movements reach the custodian bank through its instruction outbox.
const CUSTODY_DISPATCH_INTERVAL_MS = Number(process.env.WORKER_CUSTODY_INTERVAL_MS ?? 2_000);
const SWEEP_INTERVAL_MS = Number(process.env.WORKER_SWEEP_INTERVAL_MS ?? 60_000);
// A relayed job is presumed lost when it has not completed this long after relay.
const SWEEP_AFTER_MS = Number(process.env.WORKER_SWEEP_AFTER_MS ?? 120_000);
const SHUTDOWN_TIMEOUT_MS = Number(process.env.WORKER_SHUTDOWN_TIMEOUT_MS ?? 30_000);

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const database = connectDatabase(config.DATABASE_URL, { max: 10, applicationName: 'p2p-worker' });
const bank = new SimulatedCustodianBank({ db: database.db, clock: systemClock });
const deps = { db: database.db, clock: systemClock, bank, signingSeed: config.CONTRACT_SIGNING_SEED };
const queues = openQueues(producerConnection(config.REDIS_URL), config.REDIS_PREFIX);
const workers = startWorkers(workerConnection(config.REDIS_URL), config.REDIS_PREFIX, buildProcessors(deps));
await installSchedules(queues);

let stopping = false;
// Sleeps end early on shutdown, so a long interval (the sweeper's minute) never delays exit.
const wakeOnStop = new Set<() => void>();
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      wakeOnStop.delete(done);
      resolve();
    }
    wakeOnStop.add(done);
  });
}
async function loop(intervalMs: number, task: () => Promise<unknown>, name: string): Promise<void> {
  while (!stopping) {
    try {
      await task();
    } catch (error) {
      // Redis or Postgres away: keep going; the next round retries without a person.
      console.error(`[worker] ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await pause(intervalMs);
  }
}
const loops = [
  loop(RELAY_INTERVAL_MS, () => relayOutbox(deps, queues), 'outbox relay'),
  loop(CUSTODY_DISPATCH_INTERVAL_MS, () => dispatchCustodyInstructions(deps), 'custody dispatch'),
  loop(SWEEP_INTERVAL_MS, () => sweepLostJobs(deps, queues, SWEEP_AFTER_MS), 'sweeper'),
];
console.log(`[worker] running ${workers.workers.length} queue worker(s), relay every ${RELAY_INTERVAL_MS} ms`);

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  // A shutdown must end even if a dropped connection leaves a job or a query hanging: after
  // the deadline the process exits anyway; unfinished jobs are retried by the next worker.
  setTimeout(() => {
    console.error(`[worker] ${signal}: shutdown exceeded ${SHUTDOWN_TIMEOUT_MS} ms, exiting`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  for (const wake of [...wakeOnStop]) wake();
  console.log(`[worker] ${signal}: finishing active jobs`);
  await workers.close();
  await Promise.all(loops);
  await queues.closeAll();
  await database.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
