import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, useTestRedis } from '../db/testing/fixture';
import { SimulatedClock } from '../kernel/clock';
import { AppError } from '../kernel/errors';
import { workerConnection, producerConnection } from './connections';
import { idempotentProcessor } from './idempotent-processor';
import { openQueues, type QueueSet } from './queues';
import { startWorkers, type WorkerSet } from './start-workers';

const database = useTestDatabase();
const redis = useTestRedis();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
let queues: QueueSet;
let workers: WorkerSet | undefined;

beforeAll(async () => {
  queues = openQueues(producerConnection(redis.current.url), redis.current.prefix);
  await database.current.db.execute(sql`CREATE TABLE effects (business_date text NOT NULL)`);
});
afterAll(async () => {
  await workers?.close();
  await queues.closeAll();
});

describe('idempotent processors on a real worker', () => {
  it('applies each business key once although delivered several times, and fails non-retryable errors for good', async () => {
    const { db } = database.current;
    const processor = idempotentProcessor('reconciliation', { db, clock }, (p) => `recon:${p.businessDate}`, async (tx, payload) => {
      if (payload.businessDate === '2026-02-30') throw new AppError('VALIDATION', 'no such day');
      await tx.execute(sql`INSERT INTO effects VALUES (${payload.businessDate})`);
      return { done: payload.businessDate };
    });
    workers = startWorkers(workerConnection(redis.current.url), redis.current.prefix, { reconciliation: { inline: processor, concurrency: 4 } });
    // Three deliveries of the same business key under different job ids (at-least-once).
    for (const id of ['a', 'b', 'c']) await queues.reconciliation.add('reconcile', { businessDate: '2026-03-01' }, { jobId: id });
    await queues.reconciliation.add('reconcile', { businessDate: '2026-03-02' }, { jobId: 'd' });
    const bad = await queues.reconciliation.add('reconcile', { businessDate: '2026-02-30' }, { jobId: 'e', attempts: 5 });

    for (let i = 0; i < 100; i += 1) {
      const counts = await queues.reconciliation.getJobCounts('completed', 'failed');
      if ((counts.completed ?? 0) === 4 && (counts.failed ?? 0) === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const rows = await db.execute(sql`SELECT business_date, count(*)::int AS n FROM effects GROUP BY business_date ORDER BY 1`);
    expect(rows.rows).toEqual([{ business_date: '2026-03-01', n: 1 }, { business_date: '2026-03-02', n: 1 }]);
    const failed = await queues.reconciliation.getJob(bad.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/VALIDATION/);
  });
});
