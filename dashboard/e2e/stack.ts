import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { loadConfig } from '../../kernel/config';

/**
 * Starting the whole web stack for browser tests, screenshots and the web benchmark:
 * the API process, a production build of the Next app (rebuilt only when sources changed),
 * and `next start` pointing at that API.
 */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dashboardDir = join(repoRoot, 'dashboard');
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The sources that go into the Next build; BUILD_ID newer than all of them means the build is current. */
export function buildIsCurrent(): boolean {
  const buildId = join(dashboardDir, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const sources = ['app', 'components', 'presenters', 'i18n', 'proxy.ts', 'next.config.ts', 'tsconfig.json'].map((p) => join(dashboardDir, p));
  const newestSource = Math.max(...sources.map(newestMtime));
  return statSync(buildId).mtimeMs > newestSource;
}

export function buildNextIfStale(log: (line: string) => void = console.error): void {
  if (buildIsCurrent() && process.env.FORCE_NEXT_BUILD !== '1') {
    log('[stack] Next build is current; not rebuilding');
    return;
  }
  log('[stack] building the Next app (next build dashboard)…');
  const result = spawnSync(bin('next'), ['build', 'dashboard'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface RunningProcess {
  url: string;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, port: number, readyPath: string, label: string): Promise<RunningProcess> {
  const child: ChildProcess = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  return (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}:\n${output}`);
      try {
        const response = await fetch(url + readyPath, { signal: AbortSignal.timeout(2_000) });
        if (response.status < 500) return { url, port, output: () => output, stop };
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await stop();
    throw new Error(`${label} did not become ready on ${url}${readyPath} within 60 s:\n${output}`);
  })();
}

export async function startApi(options: { databaseUrl: string; redisPrefix: string; port?: number; env?: NodeJS.ProcessEnv }): Promise<RunningProcess> {
  const port = options.port ?? (await freePort());
  const env = { ...process.env, NODE_ENV: 'test', API_PORT: String(port), DATABASE_URL: options.databaseUrl, REDIS_PREFIX: options.redisPrefix, ...options.env } as NodeJS.ProcessEnv;
  return startProcess(bin('tsx'), ['dashboard/api/server.ts'], env, port, '/api/health', 'API server');
}

export async function startNext(options: { apiUrl: string; port?: number }): Promise<RunningProcess> {
  const port = options.port ?? (await freePort());
  const env = { ...process.env, NODE_ENV: 'production', API_INTERNAL_URL: options.apiUrl, NEXT_TELEMETRY_DISABLED: '1' } as NodeJS.ProcessEnv;
  return startProcess(bin('next'), ['start', 'dashboard', '-p', String(port), '-H', '127.0.0.1'], env, port, '/sign-in', 'Next server');
}

/** Installs Debian's Chromium when it is missing (CI images start without it). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const result = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH} and could not be installed`);
}

/** Deletes every Redis key under a prefix (a stack's sessions, rate limits, queues). */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(loadConfig().REDIS_URL, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
