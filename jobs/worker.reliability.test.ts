import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueueInTransaction } from '../db/outbox';
import { useTestDatabase } from '../db/testing/fixture';
import { systemClock } from '../kernel/clock';

/**
 * Fault injection on the real worker process: SIGKILL mid-batch, Redis restarted without
 * persistence (a private redis-server, so other suites are not disturbed), and every
 * PostgreSQL connection of the worker terminated. Afterwards: every job's effect exactly once.
 */
const database = useTestDatabase();
// A free port and a prefix of this run's own: a redis-server left over by a killed run can
// neither take our port nor hold job ids that would make ours look already done.
let REDIS_PORT = 0;
const PREFIX = `reliability:${randomBytes(4).toString('hex')}`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function redisUp(): Promise<void> {
  const probe = new Redis(REDIS_PORT, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`redis-server did not start on port ${REDIS_PORT}`);
  } finally {
    probe.disconnect();
  }
}
const JOBS = Number(process.env.RELIABILITY_JOBS ?? 1500);
const children = new Set<ChildProcess>();
// The worker's last stderr lines, printed when a wait times out so a CI failure explains itself.
const workerLog: string[] = [];

function startRedis(): ChildProcess {
  const child = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  children.add(child);
  return child;
}

function startWorker(dbUrl: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'jobs/worker.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: dbUrl,
      REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
      REDIS_PREFIX: PREFIX,
      WORKER_RELAY_INTERVAL_MS: '100',
      WORKER_SWEEP_INTERVAL_MS: '500',
      WORKER_SWEEP_AFTER_MS: '1000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    workerLog.push(d.toString());
    if (workerLog.length > 200) workerLog.shift();
    if (process.env.RELIABILITY_DEBUG) process.stderr.write(d);
  });
  children.add(child);
  return child;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; worker stderr:\n${workerLog.join('')}`);
}

/** Resolves with how the child ended; a child that outlives `timeoutMs` is a failure. */
async function killAndWait(child: ChildProcess, signal: NodeJS.Signals, timeoutMs = 45_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process ${child.pid} did not exit within ${timeoutMs} ms of ${signal}; worker stderr:\n${workerLog.join('')}`));
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('worker under faults', () => {
  it('loses nothing and doubles nothing across kill -9, a Redis restart and dropped PostgreSQL connections', async () => {
    const { db, url } = database.current;
    const count = async (query: ReturnType<typeof sql>) => Number((await db.execute<{ n: bigint }>(query)).rows[0]!.n);
    const effects = () => count(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'audit.checkpoint'`);

    for (let start = 0; start < JOBS; start += 500) {
      await db.transaction(async (tx) => {
        for (let i = start; i < Math.min(JOBS, start + 500); i += 1) {
          await enqueueInTransaction(tx, systemClock, { queue: 'maintenance', jobName: 'audit-checkpoint', payload: { task: 'audit-checkpoint', key: `k${i}` }, dedupeKey: `audit-checkpoint:k${i}` });
        }
      });
    }

    REDIS_PORT = await freePort();
    let redis = startRedis();
    await redisUp();
    let worker = startWorker(url);
    await waitFor(async () => (await effects()) >= JOBS / 10, 120_000, 'the first tenth of the jobs');
    await killAndWait(worker, 'SIGKILL');
    const afterKill = await effects();
    expect(afterKill).toBeLessThan(JOBS);

    // Redis restarts empty: every waiting job in it is gone.
    await killAndWait(redis, 'SIGKILL');
    redis = startRedis();
    await redisUp();

    worker = startWorker(url);
    await waitFor(async () => (await effects()) > afterKill + 50, 120_000, 'progress after restart');
    // Drop every PostgreSQL connection the worker holds.
    const dropped = await count(sql`SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'p2p-worker'`);
    expect(dropped).toBeGreaterThan(0);

    await waitFor(async () => { const n = await effects(); if (process.env.RELIABILITY_DEBUG) console.error('effects', n); return n >= JOBS; }, 240_000, 'every job to complete');
    await new Promise((r) => setTimeout(r, 1000));
    await killAndWait(worker, 'SIGTERM');

    const perKey = await db.execute<{ subject_id: string; n: bigint }>(sql`SELECT subject_id, count(*) AS n FROM audit_log WHERE action = 'audit.checkpoint' GROUP BY subject_id HAVING count(*) > 1`);
    const distinct = await count(sql`SELECT count(DISTINCT subject_id) AS n FROM audit_log WHERE action = 'audit.checkpoint'`);
    const processed = await count(sql`SELECT count(*) AS n FROM processed_jobs WHERE queue = 'maintenance'`);
    console.log(JSON.stringify({ reliability: { jobs: JOBS, effectsBeforeKill: afterKill, connectionsDropped: dropped, duplicates: perKey.rows.length, lost: JOBS - distinct } }));
    expect(perKey.rows).toEqual([]);
    expect(distinct).toBe(JOBS);
    expect(processed).toBe(JOBS);
  });
});
