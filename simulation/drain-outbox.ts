import { and, asc, inArray, isNull, lte } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { outbox } from '../db/schema';
import { isQueueName, type QueueName } from '../jobs/queue-registry';
import { mapBounded } from './bounded-pool';
import type { PhaseTimer } from './phase-timer';
import type { World } from './world';

/**
 * Queues whose jobs each touch one loan or listing of their own and only add to shared
 * balances, so running several at once ends in the same books as running them in order.
 * Auto-invest is not among them (its serving order is global), nor anything else.
 */
const INDEPENDENT_QUEUES = new Set<string>(['repayments', 'disbursement', 'funding']);

type OutboxRow = typeof outbox.$inferSelect;

/** Consecutive rows that may run together: a run of independent jobs, or one other job alone. */
function segments(rows: OutboxRow[]): OutboxRow[][] {
  const out: OutboxRow[][] = [];
  for (const row of rows) {
    const last = out.at(-1);
    if (last && INDEPENDENT_QUEUES.has(row.queue) && INDEPENDENT_QUEUES.has(last[0]!.queue)) last.push(row);
    else out.push([row]);
  }
  return out;
}

/**
 * Runs committed outbox jobs whose time has come with the real processors, inline and in
 * order — what relay + BullMQ + workers do in production, made deterministic for the simulator.
 * Runs of independent jobs go `concurrency` at a time, like several workers; a job that fails
 * among them is tried once more alone, so a lock conflict between neighbours cannot change the
 * outcome. Jobs whose queue has no inline processor (sandboxed training) are left for the caller.
 */
export async function drainOutbox(world: World, options: { maxRounds?: number; timer?: PhaseTimer; concurrency?: number } = {}): Promise<Record<string, number>> {
  const ran: Record<string, number> = {};
  const count = (key: string) => (ran[key] = (ran[key] ?? 0) + 1);
  const run = async (row: OutboxRow): Promise<boolean> => {
    const spec = isQueueName(row.queue) ? world.processors[row.queue as QueueName] : undefined;
    if (!spec || !('inline' in spec)) return true;
    const job = { id: row.dedupeKey, name: row.jobName, data: row.payload, attemptsMade: 0, updateProgress: async () => undefined } as unknown as Job;
    try {
      if (options.timer) await options.timer.time(`job:${row.queue}`, () => spec.inline(job));
      else await spec.inline(job);
      count(row.queue);
      return true;
    } catch (error) {
      if (process.env.SIM_DEBUG) console.error(`[sim] ${row.queue} ${row.dedupeKey} failed: ${(error as Error).message}`);
      return false;
    }
  };
  for (let round = 0; round < (options.maxRounds ?? 20); round += 1) {
    const rows = await world.deps.db
      .select()
      .from(outbox)
      .where(and(isNull(outbox.relayedAt), lte(outbox.availableAt, world.clock.now())))
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(500);
    if (rows.length === 0) break;
    for (const segment of segments(rows)) {
      await world.deps.db.update(outbox).set({ relayedAt: world.clock.now() }).where(inArray(outbox.id, segment.map((r) => r.id)));
      const done = await mapBounded(segment, segment.length > 1 ? (options.concurrency ?? 1) : 1, run);
      for (const [i, row] of segment.entries()) {
        // A job that fails for good is visible in production as a failed BullMQ job; here it is counted.
        if (!done[i] && (segment.length === 1 || !(await run(row)))) count(`${row.queue}:failed`);
      }
    }
  }
  return ran;
}
