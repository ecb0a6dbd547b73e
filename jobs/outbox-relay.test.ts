import { describe, expect, it } from 'vitest';
import { enqueueInTransaction } from '../db/outbox';
import { useTestDatabase, useTestRedis } from '../db/testing/fixture';
import { SimulatedClock } from '../kernel/clock';
import { jobIdFor, relayOutbox, sweepLostJobs } from './outbox-relay';
import { openQueues, type QueueSet } from './queues';
import { producerConnection } from './connections';
import { afterAll, beforeAll } from 'vitest';

const database = useTestDatabase();
const redis = useTestRedis();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
let queues: QueueSet;

beforeAll(() => {
  queues = openQueues(producerConnection(redis.current.url), redis.current.prefix);
});
afterAll(async () => {
  await queues.closeAll();
});

async function jobIds(): Promise<string[]> {
  const jobs = await queues.reconciliation.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
  return jobs.map((j) => j.id!).sort();
}

describe('outbox relay', () => {
  it('delivers exactly the committed jobs, once, and the sweeper restores lost ones', async () => {
    const { db } = database.current;
    await db.transaction((tx) => enqueueInTransaction(tx, clock, { queue: 'reconciliation', jobName: 'reconcile', payload: { businessDate: '2026-03-01' }, dedupeKey: 'recon:2026-03-01' }));
    await expect(
      db.transaction(async (tx) => {
        await enqueueInTransaction(tx, clock, { queue: 'reconciliation', jobName: 'reconcile', payload: { businessDate: '2026-03-02' }, dedupeKey: 'recon:2026-03-02' });
        throw new Error('business rule failed: roll back');
      }),
    ).rejects.toThrow(/roll back/);
    // The same business key written twice is one job.
    await db.transaction((tx) => enqueueInTransaction(tx, clock, { queue: 'reconciliation', jobName: 'reconcile', payload: { businessDate: '2026-03-01' }, dedupeKey: 'recon:2026-03-01' }));
    await db.transaction((tx) => enqueueInTransaction(tx, clock, { queue: 'reconciliation', jobName: 'reconcile', payload: { businessDate: '2026-03-03' }, dedupeKey: 'recon:2026-03-03', availableAt: new Date('2026-03-05T00:00:00Z') }));

    expect(await relayOutbox({ db, clock }, queues)).toBe(1);
    expect(await relayOutbox({ db, clock }, queues)).toBe(0);
    expect(await jobIds()).toEqual([jobIdFor('recon:2026-03-01')]);

    clock.set('2026-03-05T00:00:00Z');
    expect(await relayOutbox({ db, clock }, queues)).toBe(1);
    expect(await jobIds()).toEqual([jobIdFor('recon:2026-03-01'), jobIdFor('recon:2026-03-03')]);

    // Redis loses everything (restart without persistence): the sweeper re-enqueues both.
    await queues.reconciliation.obliterate({ force: true });
    expect(await jobIds()).toEqual([]);
    clock.advanceMs(120_000);
    expect(await sweepLostJobs({ db, clock }, queues)).toBe(2);
    expect(await jobIds()).toEqual([jobIdFor('recon:2026-03-01'), jobIdFor('recon:2026-03-03')]);
    // Nothing lost now: a second sweep adds nothing.
    expect(await sweepLostJobs({ db, clock }, queues)).toBe(0);
  });
});
