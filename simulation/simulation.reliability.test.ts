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
    // One call at a time: the books must not depend on how many actor calls run at once.
    const second = await simulate({ ...base, concurrency: 1 });
    console.log(JSON.stringify({ simulation: { seconds: first.seconds, stats: first.stats, grades: first.defaultRateByGrade, digest: first.booksDigest } }));
    expect(first.auditedDays).toBeGreaterThan(50);
    expect(first.stats.applications).toBe(BORROWERS);
    expect(first.audit.decisionsReplayed).toBe(first.audit.automatedDecisions);
    expect(first.defaultRateByGrade.reduce((n, g) => n + g.loans, 0)).toBeGreaterThan(0);
    expect(second.booksDigest).toBe(first.booksDigest);
  });

  // Each edit is one the daily (incremental) audit must catch on the day it appears, not at the month's end.
  const sabotages: Array<[string, RegExp, string]> = [
    // A funded amount that no bid explains.
    ['a listing funded by no bid', /over-funded/, `UPDATE listings SET funded_fen = funded_fen + 1 WHERE id = (SELECT id FROM listings WHERE status = 'open' AND funded_fen + 1 <= amount_fen ORDER BY id LIMIT 1)`],
    // A balance edited by hand, with no entry behind it.
    ['a ledger balance without entries', /ledger balanced/, `UPDATE ledger_accounts SET credits_posted_fen = credits_posted_fen + 1 WHERE id = (SELECT id FROM ledger_accounts WHERE owner_kind = 'user' AND purpose = 'available' ORDER BY id LIMIT 1)`],
    // Money the bank moved that the ledger never instructed.
    ['a bank movement the ledger does not know', /ledger = custodian bank/, `INSERT INTO sim_bank_movements (instruction_id, account_no, balance_delta_fen, frozen_delta_fen, value_at) SELECT 'sabotage', account_no, 100, 0, now() - interval '10 years' FROM sim_bank_accounts ORDER BY account_no LIMIT 1`],
    // An investor's holding that no bid paid for.
    ['a holding no bid paid for', /holdings = posted bids/, `UPDATE loan_holdings SET principal_fen = principal_fen + 1 WHERE (loan_id, investor_id) = (SELECT loan_id, investor_id FROM loan_holdings ORDER BY loan_id, investor_id LIMIT 1)`],
  ];

  it.each(sabotages)('stops at the first breach with the seed and the day: %s', async (_what, invariant, statement) => {
    const sabotage = async (db: Awaited<ReturnType<typeof createTestDatabase>>) => {
      await db.db.execute(sql.raw(statement));
    };
    await expect(simulate({ ...base, months: 1 }, sabotage)).rejects.toThrow(new RegExp(`seed 11, day 20 .*${invariant.source}`));
  });
});
