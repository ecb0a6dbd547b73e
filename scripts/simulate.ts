import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createTestDatabase, dropTestDatabase } from '../db/testing/fixture';
import { loadConfig } from '../kernel/config';
import { runSimulation } from '../simulation/run-simulation';
import { createWorld } from '../simulation/world';

/**
 * `npm run simulate -- --seed N --months M --borrowers B --investors I [--drift] [--keep] [--concurrency C]`
 * Runs the whole marketplace day by day on a simulated clock, in a fresh database of its own,
 * with the auditor after every day. Prints a JSON summary; exits 1 at the first breach.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    months: { type: 'string', default: '3' },
    borrowers: { type: 'string', default: '500' },
    investors: { type: 'string', default: '60' },
    start: { type: 'string', default: '2025-01-06' },
    drift: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-audit': { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '6' },
  },
});
const int = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${value}`);
    process.exit(2);
  }
  return n;
};
const options = {
  seed: int('seed', values.seed),
  months: int('months', values.months),
  borrowers: int('borrowers', values.borrowers),
  investors: int('investors', values.investors),
  startDate: values.start!,
  drift: values.drift,
  audit: !values['no-audit'],
  concurrency: Math.max(1, int('concurrency', values.concurrency)),
};
if (!/^\d{4}-\d{2}-\d{2}$/.test(options.startDate)) {
  console.error('--start must be YYYY-MM-DD');
  process.exit(2);
}

const config = loadConfig();
const database = await createTestDatabase();
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
const prefix = `sim:${options.seed}:${database.name}`;
const world = await createWorld({ start: `${options.startDate}T01:00:00Z`, database, redis, redisPrefix: prefix });
const startedMs = performance.now();
let exitCode = 0;
try {
  const summary = await runSimulation(world, {
    ...options,
    onDay: ({ day, date, stats, phaseSeconds }) => {
      const everyDays = Number(process.env.SIM_LOG_EVERY_DAYS ?? 30);
      if (process.stderr.isTTY || day % everyDays === 0) {
        const elapsedSeconds = Math.round((performance.now() - startedMs) / 1000);
        process.stderr.write(`[sim] day ${day} ${date} ${elapsedSeconds}s ${JSON.stringify(stats)} phases ${JSON.stringify(phaseSeconds)}\n`);
      }
    },
  });
  console.log(JSON.stringify({ ...summary, database: values.keep ? database.name : undefined }, null, 2));
} catch (error) {
  console.error((error as Error).message);
  exitCode = 1;
} finally {
  await world.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  if (values.keep) console.error(`[sim] kept database ${database.name}`);
  else await dropTestDatabase(database);
}
process.exit(exitCode);
