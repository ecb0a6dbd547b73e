import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../../db/testing/fixture';
import { migrateDatabase } from '../../db/migrate';
import { buildNextIfStale, deleteRedisKeys, repoRoot, startApi, startNext, type RunningProcess } from './stack';

/**
 * The web stack over demo data, for screenshots and the web benchmark (figures from an empty
 * database flatter every page). Three ways, first match wins:
 * - `DEMO_BASE_URL`: a platform already running with demo data (e.g. `npm start`); used as is.
 * - `DEMO_DATABASE_URL`: that database (demo-seeded first if empty, kept), with our own API and
 *   Next servers on free ports.
 * - neither: a throwaway database seeded by `scripts/seed-demo.ts` (minutes; `DEMO_MONTHS`,
 *   `DEMO_BORROWERS`, `DEMO_INVESTORS` size it), dropped with its Redis keys afterwards.
 */
export const DEMO_PASSWORD = 'demo-password-2026';
/** The accounts `scripts/seed-demo.ts` creates (importing it would run the seed). */
export const DEMO_EMAILS = {
  borrower: 'borrower@demo.p2p.test',
  investor: 'investor@demo.p2p.test',
  analyst: 'analyst@demo.p2p.test',
  analyst2: 'analyst2@demo.p2p.test',
  admin: 'admin@demo.p2p.test',
} as const;
export type DemoAccount = keyof typeof DEMO_EMAILS;

export interface DemoStack {
  webUrl: string;
  /** Where the data came from, for reports. */
  source: string;
  stop(): Promise<void>;
}

function seedDemo(databaseUrl: string, redisPrefix: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${repoRoot}/node_modules/.bin/tsx`, ['scripts/seed-demo.ts'], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_PREFIX: redisPrefix }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (d: Buffer) => {
      output += d.toString();
      for (const line of d.toString().split('\n')) if (line.startsWith('[demo]')) log(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo seed failed (${code}):\n${output.slice(-4000)}`))));
  });
}

export async function startDemoStack(label: string, log: (line: string) => void = console.error): Promise<DemoStack> {
  const running = process.env.DEMO_BASE_URL;
  if (running) return { webUrl: running.replace(/\/$/, ''), source: `running platform at ${running}`, stop: async () => undefined };

  buildNextIfStale(log);
  const redisPrefix = `${label}-demo:${randomBytes(4).toString('hex')}`;
  const given = process.env.DEMO_DATABASE_URL;
  let owned: TestDatabase | undefined;
  let databaseUrl: string;
  if (given) {
    await migrateDatabase(given);
    databaseUrl = given;
  } else {
    owned = await createTestDatabase();
    databaseUrl = owned.url;
  }
  const cleanUp = async () => {
    if (owned) await dropTestDatabase(owned);
    await deleteRedisKeys(redisPrefix);
  };
  let api: RunningProcess | undefined;
  try {
    log(`[demo-stack] seeding demo data into ${new URL(databaseUrl).pathname.slice(1)} (skipped when it has users)…`);
    await seedDemo(databaseUrl, redisPrefix, log);
    api = await startApi({ databaseUrl, redisPrefix });
    const web = await startNext({ apiUrl: api.url });
    return {
      webUrl: web.url,
      source: given ? `demo data in ${new URL(given).pathname.slice(1)}` : 'demo data seeded into a throwaway database',
      stop: async () => {
        await web.stop();
        await api!.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await api?.stop();
    await cleanUp();
    throw error;
  }
}
