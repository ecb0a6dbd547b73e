import { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../db/testing/fixture';
import { loadConfig } from '../kernel/config';
import { runSimulation } from './run-simulation';
import type { SimulationOptions } from './options';
import type { SimulationSummary } from './summary';
import { createWorld } from './world';

const BORROWERS = Number(process.env.SIM_TEST_BORROWERS ?? 120);

async function simulate(options: SimulationOptions, sabotage?: (db: Awaited<ReturnType<typeof createTestDatabase>>) => Promise<void>): Promise<SimulationSummary> {
  const database = await createTestDatabase();
  const redis = new Redis(loadConfig().REDIS_URL, { maxRetriesPerRequest: 3 });
  const prefix = `test:sim:${database.name}`;
  const world = await createWorld({ start: `${options.startDate}T01:00:00Z`, database, redis, redisPrefix: prefix });
  try {
    return await runSimulation(world, {
      ...options,
      onDay: async ({ day }) => {
        if (day === 20 && sabotage) await sabotage(database);
      },
    });
  } finally {
    await world.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await dropTestDatabase(database);
  }
}

const base: SimulationOptions = { seed: 11, months: 2, borrowers: BORROWERS, investors: 20, startDate: '2025-03-03' };

describe('marketplace simulation', () => {
  it('passes the daily auditor, and the same seed gives the same books', async () => {
    const first = await simulate(base);
    const second = await simulate(base);
    console.log(JSON.stringify({ simulation: { seconds: first.seconds, stats: first.stats, grades: first.defaultRateByGrade, digest: first.booksDigest } }));
    expect(first.auditedDays).toBeGreaterThan(50);
    expect(first.stats.applications).toBe(BORROWERS);
    expect(first.defaultRateByGrade.reduce((n, g) => n + g.loans, 0)).toBeGreaterThan(0);
    expect(second.booksDigest).toBe(first.booksDigest);
  });

  it('stops at the first breach with the seed and the day', async () => {
    // A funded amount that no bid explains: the auditor must catch it on the day it appears.
    const sabotage = async (db: Awaited<ReturnType<typeof createTestDatabase>>) => {
      await db.db.execute(sql`UPDATE listings SET funded_fen = funded_fen + 1 WHERE id = (SELECT id FROM listings WHERE status = 'open' AND funded_fen + 1 <= amount_fen ORDER BY id LIMIT 1)`);
    };
    await expect(simulate({ ...base, months: 1 }, sabotage)).rejects.toThrow(/seed 11, day 20 .*over-funded/);
  });
});
