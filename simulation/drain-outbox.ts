import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { outbox } from '../db/schema';
import { isQueueName, type QueueName } from '../jobs/queue-registry';
import type { World } from './world';

/**
 * Runs committed outbox jobs whose time has come with the real processors, inline and in
 * order — what relay + BullMQ + workers do in production, made deterministic for the simulator.
 * Jobs whose queue has no inline processor (sandboxed training) are left for the caller.
 */
export async function drainOutbox(world: World, options: { maxRounds?: number } = {}): Promise<Record<string, number>> {
  const ran: Record<string, number> = {};
  for (let round = 0; round < (options.maxRounds ?? 20); round += 1) {
    const rows = await world.deps.db
      .select()
      .from(outbox)
      .where(and(isNull(outbox.relayedAt), lte(outbox.availableAt, world.clock.now())))
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(500);
    if (rows.length === 0) break;
    for (const row of rows) {
      await world.deps.db.update(outbox).set({ relayedAt: world.clock.now() }).where(eq(outbox.id, row.id));
      if (!isQueueName(row.queue)) continue;
      const spec = world.processors[row.queue as QueueName];
      if (!spec || !('inline' in spec)) continue;
      const job = { id: row.dedupeKey, name: row.jobName, data: row.payload, attemptsMade: 0, updateProgress: async () => undefined } as unknown as Job;
      try {
        await spec.inline(job);
        ran[row.queue] = (ran[row.queue] ?? 0) + 1;
      } catch (error) {
        // A job that fails for good is visible in production as a failed BullMQ job; here it is counted.
        ran[`${row.queue}:failed`] = (ran[`${row.queue}:failed`] ?? 0) + 1;
        if (process.env.SIM_DEBUG) console.error(`[sim] ${row.queue} ${row.dedupeKey} failed: ${(error as Error).message}`);
      }
    }
  }
  return ran;
}
