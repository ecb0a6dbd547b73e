import { dispatchCustodyInstructions } from '../ledger';
import type { World } from './world';

/** Batch size of one dispatcher run (its default). */
const BATCH = 200;

/**
 * Relays every queued custody instruction to the bank, batch after batch: one dispatcher run
 * takes at most a batch, and a busy day queues more than that.
 */
export async function relayCustody(world: World): Promise<number> {
  let relayed = 0;
  for (;;) {
    const run = await dispatchCustodyInstructions(world.workerDeps, { limit: BATCH });
    relayed += run.executed + run.rejected;
    if (run.stoppedBy || run.skipped || run.executed + run.rejected < BATCH) return relayed;
  }
}
