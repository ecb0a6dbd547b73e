import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { coresNeeded, cpuMsByName, machineBusyMs, machineCpuPerUnit, processCpuSnapshot } from './machine-cpu';
import { pacedLoad, type PacedResult } from './paced-load';
import { writeOutSeed } from './write-out-seed';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { createSession } from '../auth/sessions';
import { connectDatabase, type Db } from '../db/client';
import { userRoles, users } from '../db/schema';
import { createTestDatabase, dropTestDatabase } from '../db/testing/fixture';
import { allRoutes } from '../dashboard/api/all-routes';
import { createApiDeps } from '../dashboard/api/api-deps';
import { createApiApp } from '../dashboard/api/create-api-app';
import { decisionRuntimeOf } from '../dashboard/api/routes/applications';
import { SimulatedIdentityProvider } from '../identity/identity-provider';
import { makeResidentId } from '../identity/resident-id';
import { verifyIdentity } from '../identity/verify-identity';
import { systemClock } from '../kernel/clock';
import { loadConfig, parseConfig } from '../kernel/config';
import { SERVICE_NODE_FLAGS } from '../kernel/service-node-flags';

/**
 * `npm run bench -- decisions`: HTTP load on POST /api/v1/applications against the real API
 * (@hono/node-server) over a fresh database, in a separate server process (with the API's V8
 * flags, kernel/service-node-flags.ts) so the load generator does not share its CPU budget. Varied applicants: 1,000 verified borrowers with
 * their own devices, random amounts, terms, methods, purposes and incomes.
 */
const BORROWERS = 1_000;
const TARGET_DECISIONS_PER_SECOND = 1_000;
const TARGET_P99_RATE_PER_SECOND = 500;
const SATURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const FIXED_RATE_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = 20;
/** Area codes of the cohorts' resident IDs (a 3-digit sequence number each: 1,000 per code). */
const RESIDENT_ID_REGIONS = ['110105', '110108'];
const here = fileURLToPath(import.meta.url);

const PURPOSES = ['new_car', 'used_car', 'furniture_equipment', 'radio_tv', 'repairs', 'education', 'business', 'other', 'stocks'];
const METHODS = ['equal_installment', 'equal_principal', 'interest_first'];

/** Borrower i's user id (zero-padded: ids sort as their indexes do). */
const borrowerId = (i: number) => `usr_bench_${String(i).padStart(6, '0')}`;

/** A cohort of borrowers: global indexes `first` … and their bearer tokens, in that order. */
interface Cohort {
  first: number;
  tokens: string[];
}

/** Request n of a load on a cohort: which borrower applies (global index) and with which token. */
function applicant(cohort: Cohort, n: number): { i: number; token: string } {
  const k = n % cohort.tokens.length;
  return { i: cohort.first + k, token: cohort.tokens[k]! };
}

/** Application body of borrower i (global index), varied by request n. */
function body(i: number, n: number): string {
  const r = (k: number) => ((i * 2_654_435_761 + n * 40_503 + k * 97) >>> 0) % 1_000;
  return JSON.stringify({
    amount: `${1_000 + r(1) * 60}.${String(r(2) % 100).padStart(2, '0')}`,
    termMonths: [6, 12, 24, 36][r(3) % 4],
    purpose: PURPOSES[r(4) % PURPOSES.length],
    repaymentMethod: METHODS[r(5) % 3],
    borrowerType: r(6) % 20 === 0 ? 'company' : 'individual',
    monthlyIncome: `${5_000 + r(7) * 50}.00`,
    monthlyDebtPayments: `${r(8) * 3}.00`,
    declaredOtherPlatformOutstanding: r(9) % 10 === 0 ? null : `${r(10) * 100}.00`,
    employment: { status: 'employed', occupationClass: ['unskilled_resident', 'skilled', 'management_self_employed'][r(11) % 3], yearsEmployed: r(12) % 15 },
    housing: { status: ['rent', 'own', 'for_free'][r(13) % 3], yearsAtAddress: r(14) % 10 },
    checkingBalanceBand: ['lt_0', '0_to_200', 'ge_200', 'none'][r(15) % 4],
    savingsBalanceBand: ['lt_100', '100_to_500', '500_to_1000', 'ge_1000', 'unknown_none'][r(16) % 5],
    mostValuableAsset: ['real_estate', 'savings_insurance', 'car_other', 'unknown_none'][r(17) % 4],
    guarantor: 'none',
    dependents: r(18) % 3,
    nonLocalWorker: r(19) % 4 === 0,
    device: { id: `bench-device-${i}`, ip: `10.${i % 250}.${r(20) % 250}.${r(21) % 250}` },
    formFillSeconds: 60 + r(22),
  });
}

/**
 * Verified borrowers `first` … `first + count - 1` with their sessions. The index is global, so
 * two cohorts never share an identity, a phone or a device (velocity counts them per key).
 */
async function setUpBorrowers(databaseUrl: string, redisPrefix: string, first: number, count: number): Promise<Cohort> {
  const database = connectDatabase(databaseUrl, { max: 10 });
  const redis = new Redis(loadConfig().REDIS_URL);
  const deps = createApiDeps(parseConfig({ ...process.env }), { database, redis, redisPrefix, clock: systemClock });
  const tokens: string[] = [];
  const provider = new SimulatedIdentityProvider();
  for (let start = first; start < first + count; start += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, first + count - start) }, async (_, j) => {
        const i = start + j;
        const id = borrowerId(i);
        const now = systemClock.now();
        await deps.db.insert(users).values({ id, email: `bench${i}@example.test`, displayName: `Bench ${i}`, passwordHash: 'not-a-hash', createdAt: now });
        await deps.db.insert(userRoles).values({ userId: id, role: 'borrower', grantedAt: now });
        const { token } = await createSession(deps, deps.db, id, 'api');
        const birth = `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 9}`;
        await verifyIdentity({ ...deps, identityProvider: provider }, { userId: id, idempotencyKey: `bench-kyc-${i}`, request: { name: `测试${i}`, idNumber: makeResidentId(RESIDENT_ID_REGIONS[Math.floor(i / 1000)]!, birth, i % 1000), phone: `139${String(i).padStart(8, '0')}`, livenessToken: 'ok' } });
        return token;
      }),
    );
    tokens.push(...batch);
  }
  await deps.close();
  redis.disconnect();
  await database.close();
  return { first, tokens };
}

/**
 * Starts the API in its own process on a port the system picks (a random fixed port once
 * collided with an outgoing connection's local port: EADDRINUSE); resolves with the port.
 */
function startServer(databaseUrl: string, redisPrefix: string): Promise<{ server: ChildProcess; port: number }> {
  // BENCH_CPU_PROF=DIR writes a V8 CPU profile of the server to DIR (to find the hot path);
  // BENCH_SERVER_FLAGS adds node flags to the server (e.g. --perf-basic-prof, for perf).
  const profile = [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), ...(process.env.BENCH_SERVER_FLAGS ? process.env.BENCH_SERVER_FLAGS.split(' ') : [])];
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...profile, '--import', 'tsx', here], { env: { ...process.env, BENCH_DECISIONS_SERVER: '1', BENCH_DATABASE_URL: databaseUrl, BENCH_REDIS_PREFIX: redisPrefix }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\d+)/.exec(output);
      if (ready) resolve({ server: child, port: Number(ready[1]) });
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

function load(port: number, cohort: Cohort, options: { connections: number; seconds: number; overallRate?: number }): Promise<autocannon.Result> {
  let n = 0;
  const runId = randomBytes(4).toString('hex');
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.overallRate,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/applications',
        setupRequest: (req) => {
          n += 1;
          const { i, token } = applicant(cohort, n);
          return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bench-${runId}-${n}` }, body: body(i, n) };
        },
      },
    ],
  });
}

/** Statistics as a running platform has them, then the seed written out (writeOutSeed). */
async function analyze(databaseUrl: string): Promise<void> {
  const database = connectDatabase(databaseUrl, { max: 1 });
  await database.db.execute(sql`ANALYZE`);
  await writeOutSeed(database.db);
  await database.close();
}

/** The services a decision uses besides the API process, by process name (/proc). */
const SERVICES = ['postgres', 'redis-server'] as const;

/**
 * A phase's figures with CPU per decision: the API process's own (robust to a busy machine), the
 * whole machine's, and PostgreSQL's and Redis's, from /proc snapshots around the phase.
 */
async function measured(server: ChildProcess, stats: Db, start: () => Promise<autocannon.Result | PacedResult>) {
  const scannedBefore = await seqScannedRows(stats);
  const machineBefore = machineBusyMs();
  const processesBefore = processCpuSnapshot();
  const result = await start();
  const processesAfter = processCpuSnapshot();
  const scannedAfter = await seqScannedRows(stats);
  const pid = String(server.pid);
  const serverCpuMs = (processesAfter.get(pid)?.cpuMs ?? 0) - (processesBefore.get(pid)?.cpuMs ?? 0);
  const services = cpuMsByName(processesBefore, processesAfter, SERVICES);
  const figures = 'requests' in result ? summary(result) : result;
  const machine = machineCpuPerUnit(machineBefore, machineBusyMs(), figures.total, TARGET_DECISIONS_PER_SECOND);
  const perRequest = (ms: number) => (figures.total > 0 ? Number((ms / figures.total).toFixed(3)) : null);
  return {
    ...figures,
    serverCpuMsPerRequest: perRequest(serverCpuMs),
    // Everything on the machine (server, PostgreSQL, Redis, load generator, kernel) per decision.
    machineCpuMsPerRequest: machine?.machineCpuMsPerUnit ?? null,
    // Of which PostgreSQL's and Redis's processes (where the rest of the machine's CPU goes).
    postgresCpuMsPerRequest: perRequest(services.postgres!),
    redisCpuMsPerRequest: perRequest(services['redis-server']!),
    // Rows read by sequential scans per decision, by table, where at least one: none is expected
    // (every hot statement looks rows up by index). A plan gone wrong shows here, and the table.
    seqScannedRowsPerRequest: Object.fromEntries(
      [...scannedAfter]
        .map(([table, rows]) => [table, figures.total > 0 ? Number(((rows - (scannedBefore.get(table) ?? 0)) / figures.total).toFixed(1)) : 0] as const)
        .filter(([, perRequest]) => perRequest >= 1),
    ),
  };
}

/** Rows read by sequential scans so far, by table (PostgreSQL's statistics, flushed about once a second). */
async function seqScannedRows(db: Db): Promise<Map<string, number>> {
  const result = await db.execute<{ relname: string; rows: string }>(sql`SELECT relname, seq_tup_read::text AS rows FROM pg_stat_user_tables`);
  return new Map(result.rows.map((r) => [r.relname, Number(r.rows)]));
}

/** The same varied applicants as load(), at an even pace (see pacedLoad). */
function paced(port: number, cohort: Cohort, ratePerSecond: number, seconds: number): Promise<PacedResult> {
  const runId = randomBytes(4).toString('hex');
  return pacedLoad({
    port,
    ratePerSecond,
    seconds,
    maxSockets: 128,
    request: (n) => {
      const { i, token } = applicant(cohort, n);
      return { path: '/api/v1/applications', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `paced-${runId}-${n}` }, body: body(i, n) };
    },
  });
}

/**
 * What the targets need of this machine, from the whole machine's CPU per decision at an even
 * 500/s (machine-cpu.ts): the cores 1,000 decisions/s would keep busy, and the share of the
 * cores busy at 500/s (a p99 of a few service times needs that share well below one).
 */
function capacity(machineCpuMsPerDecision: number | null) {
  if (machineCpuMsPerDecision === null) return null;
  const cores = os.cpus().length;
  return {
    machineCpuMsPerDecision,
    cores,
    coresNeededFor1000PerSecond: coresNeeded(machineCpuMsPerDecision, TARGET_DECISIONS_PER_SECOND),
    busyShareAt500PerSecond: Number((coresNeeded(machineCpuMsPerDecision, TARGET_P99_RATE_PER_SECOND) / cores).toFixed(2)),
  };
}

const summary = (r: autocannon.Result) => ({
  requestsPerSecond: r.requests.average,
  p50Ms: r.latency.p50,
  p90Ms: r.latency.p90,
  p99Ms: r.latency.p99,
  maxMs: r.latency.max,
  total: r.requests.total,
  non2xx: r.non2xx,
  // By status code: 409 is the retryable conflict of an applicant's concurrent applications, a 5xx a fault.
  non2xxByStatus: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, s]) => [code, s.count])),
  errors: r.errors,
  timeouts: r.timeouts,
});

export async function run(): Promise<Record<string, unknown>> {
  const database = await createTestDatabase();
  const redisPrefix = `bench:${randomBytes(4).toString('hex')}`;
  let server: ChildProcess | undefined;
  const stats = connectDatabase(database.url, { max: 1, applicationName: 'bench-stats' });
  try {
    const borrowers = await setUpBorrowers(database.url, redisPrefix, 0, BORROWERS);
    // The warm-up's own borrowers: its ~20,000 applications would otherwise put the measured
    // borrowers over the velocity rules' limits, and their decisions (declines skip pricing)
    // would cost less than the same phases without a warm-up.
    const warmUpBorrowers = await setUpBorrowers(database.url, redisPrefix, BORROWERS, BORROWERS);
    const started = await startServer(database.url, redisPrefix);
    server = started.server;
    const port = started.port;
    // Warm-up at full load (pools, caches, JIT): V8 keeps compiling hot functions with TurboFan
    // for ~15-20 s of load, on helper threads that took ~0.25 ms of CPU per decision in a
    // saturation phase measured right after the 3 s warm-up this once had. The targets are a
    // long-running server's, so the phases measure it once that has settled.
    await load(port, warmUpBorrowers, { connections: 64, seconds: WARM_UP_SECONDS });
    // Statistics as a running platform has them (its tables are not empty): without this the
    // planner keeps plans made for the empty tables of a fresh database.
    await analyze(database.url);
    // 64 connections: the most decisions per second (32 gave ~6% fewer, 128 no more than 64).
    const saturation = await measured(server, stats.db, () => load(port, borrowers, { connections: 64, seconds: SATURATION_SECONDS }));
    const at50 = await measured(server, stats.db, () => load(port, borrowers, { connections: 16, seconds: FIXED_RATE_SECONDS, overallRate: 50 }));
    const at500 = await measured(server, stats.db, () => load(port, borrowers, { connections: 64, seconds: FIXED_RATE_SECONDS, overallRate: 500 }));
    const at1000 = await measured(server, stats.db, () => load(port, borrowers, { connections: 64, seconds: FIXED_RATE_SECONDS, overallRate: 1_000 }));
    // autocannon's fixed rates are per-second budgets sent in bursts; these arrive evenly. Each
    // starts after a pause, so the previous phase's last requests are not counted in its CPU.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));
    await settle();
    const paced300 = await measured(server, stats.db, () => paced(port, borrowers, 300, FIXED_RATE_SECONDS));
    await settle();
    const paced500 = await measured(server, stats.db, () => paced(port, borrowers, 500, FIXED_RATE_SECONDS));
    // The measured borrowers' decisions only (not the warm-up cohort's).
    const outcomes = await database.db.execute<{ outcome: string; n: number }>(sql`SELECT outcome, count(*)::int AS n FROM decisions WHERE borrower_id < ${borrowerId(BORROWERS)} GROUP BY outcome ORDER BY outcome`);
    return {
      borrowers: BORROWERS,
      saturation,
      fixedRate50: at50,
      fixedRate500: at500,
      fixedRate1000: at1000,
      pacedRate300: paced300,
      pacedRate500: paced500,
      decisionOutcomes: Object.fromEntries(outcomes.rows.map((r) => [r.outcome, r.n])),
      capacity: capacity(paced500.machineCpuMsPerRequest),
      targets: { decisionsPerSecond: TARGET_DECISIONS_PER_SECOND, p99MsAt500: 15 },
    };
  } finally {
    server?.kill('SIGTERM');
    await stats.close();
    // BENCH_KEEP_DB=1 keeps the database for inspection (EXPLAIN of the hot statements).
    if (process.env.BENCH_KEEP_DB === '1') console.error(`kept database ${database.url}`);
    else await dropTestDatabase(database);
    const redis = new Redis(loadConfig().REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1_000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

function reportLoopStats(): void {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const gc = { ms: 0, count: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) Object.assign(gc, { ms: gc.ms + entry.duration, count: gc.count + 1, maxMs: Math.max(gc.maxMs, entry.duration) });
  }).observe({ entryTypes: ['gc'] });
  let cpu = process.cpuUsage();
  setInterval(() => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.error(`[loop] delay p50 ${ms(delay.percentile(50))} p99 ${ms(delay.percentile(99))} max ${ms(delay.max)} ms; gc ${gc.ms.toFixed(0)} ms in ${gc.count} (max ${gc.maxMs.toFixed(1)}); process cpu ${((used.user + used.system) / 1e4).toFixed(0)}%`);
    delay.reset();
    Object.assign(gc, { ms: 0, count: 0, maxMs: 0 });
  }, 1_000).unref();
}

// Server mode: the child process started by run().
if (process.env.BENCH_DECISIONS_SERVER === '1') {
  process.on('SIGTERM', () => process.exit(0));
  const config = parseConfig({ ...process.env, DATABASE_URL: process.env.BENCH_DATABASE_URL });
  const database = connectDatabase(config.DATABASE_URL, { max: 24, applicationName: 'p2p-bench' });
  const deps = createApiDeps(config, { database, redisPrefix: process.env.BENCH_REDIS_PREFIX });
  await decisionRuntimeOf(deps);
  serve({ fetch: createApiApp(deps, allRoutes).fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`READY ${info.port}\n`));
  // BENCH_LOOP_STATS=1: once a second, the event loop's delay, GC pauses and CPU on stderr (where time goes between requests).
  if (process.env.BENCH_LOOP_STATS === '1') reportLoopStats();
}

if (process.argv[1] === here && process.env.BENCH_DECISIONS_SERVER !== '1') {
  console.log(JSON.stringify(await run(), null, 2));
  process.exit(0);
}
