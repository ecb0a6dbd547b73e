import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { connectDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { systemClock } from '../kernel/clock';
import { SimulatedCustodianBank } from '../ledger';
import { bootstrapPlatform } from '../dashboard/api/bootstrap-platform';
import { ConfigError, loadConfig, type AppConfig } from '../kernel/config';
import { serviceNodeOptions } from '../kernel/service-node-flags';

/**
 * `npm start`: checks PostgreSQL and Redis, migrates, seeds demo data on an empty database,
 * builds the web app when needed, then runs the API, the worker and the web app together.
 * `npm run dev` does the same with Next.js in development mode.
 */
const dev = process.argv.includes('--dev');

function fail(message: string): never {
  console.error(`\n[start] cannot start: ${message}\n`);
  process.exit(1);
}

async function checkPostgres(config: AppConfig): Promise<void> {
  const admin = new URL(config.DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    fail(
      `PostgreSQL is not reachable at ${admin.host} (${(error as Error).message}).\n` +
        `  Start it (e.g. pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_URL.`,
    );
  }
}

async function checkRedis(config: AppConfig): Promise<void> {
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    fail(`Redis is not reachable at ${config.REDIS_URL} (${(error as Error).message}).\n  Start it (e.g. redis-server --daemonize yes) or set REDIS_URL.`);
  } finally {
    redis.disconnect();
  }
}

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping everything`);
      void stop(1);
    }
  });
  return child;
}

let stopping = false;
const children: ChildProcess[] = [];
async function stop(code: number): Promise<void> {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  process.exit(code);
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

await checkPostgres(config);
await checkRedis(config);
await migrateDatabase(config.DATABASE_URL);
console.log('[start] database migrated');

if (existsSync(new URL('./seed-demo.ts', import.meta.url))) {
  const seeded = spawnSync('npx', ['tsx', 'scripts/seed-demo.ts'], { stdio: 'inherit' });
  if (seeded.status !== 0) fail('demo data could not be seeded (see above)');
}

// After the demo seed, which opens the platform's accounts on its own simulated clock.
{
  const database = connectDatabase(config.DATABASE_URL, { max: 2, applicationName: 'p2p-start' });
  await bootstrapPlatform({ db: database.db, clock: systemClock, bank: new SimulatedCustodianBank({ db: database.db, clock: systemClock }) });
  await database.close();
}
console.log('[start] platform accounts open');

if (!dev && !existsSync('dashboard/.next/BUILD_ID')) {
  console.log('[start] building the web app (first start only; takes a minute or two)…');
  const built = spawnSync('npx', ['next', 'build', 'dashboard'], { stdio: 'inherit' });
  if (built.status !== 0) fail('the web app did not build (see above)');
}

const apiUrl = `http://127.0.0.1:${config.API_PORT}`;
children.push(run('api', 'npx', ['tsx', 'dashboard/api/server.ts'], { NODE_OPTIONS: serviceNodeOptions() }));
children.push(run('worker', 'npx', ['tsx', 'jobs/worker.ts'], { NODE_OPTIONS: serviceNodeOptions() }));
children.push(run('web', 'npx', ['next', dev ? 'dev' : 'start', 'dashboard', '-p', String(config.PORT)], { API_INTERNAL_URL: apiUrl }));
console.log(`[start] web on http://localhost:${config.PORT}  (API ${apiUrl}, health: http://localhost:${config.PORT}/api/health)`);

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
