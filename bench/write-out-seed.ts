import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

/**
 * CHECKPOINT after a benchmark has seeded its data and before it measures. The kernel writes a
 * file's dirty pages back ~30 s after they were written (vm.dirty_expire_centisecs); the burst
 * from a bulk seed then landed inside the measured phases, where it delayed WAL flushes (COMMITs
 * logged at 26–30 ms) and gave the hot listing's paced bids 40–75 ms stalls in most runs. A
 * running platform writes steadily instead of dumping a seed and going quiet. Needs superuser or
 * pg_checkpoint (PostgreSQL 15); refused, the bench goes on and says so.
 */
export async function writeOutSeed(db: DbOrTx): Promise<boolean> {
  try {
    await db.execute(sql`CHECKPOINT`);
    return true;
  } catch (error) {
    console.error(`[bench] CHECKPOINT refused (${(error as Error).message}): the seed may be written back during the measurement`);
    return false;
  }
}
