import type { Rng } from '../models/core/rng';
import { borrowerApplies, borrowerLists, drawDefault, type BorrowerState } from './borrower-actions';
import { independentRuns, mapBounded } from './bounded-pool';
import type { SimBorrower } from './population';
import type { World } from './world';

/** Time between two arrivals on the simulated clock. */
const ARRIVAL_GAP_MS = 20_000;
/** Longest run applied at once; fixed (not the concurrency) so the runs, and so the books, depend on the population only. */
const MAX_RUN = 16;

/** What two applications can share that makes one see the other (velocity keys, KYC uniqueness). */
export function applicationKeys(sim: SimBorrower): string[] {
  return [`device:${sim.application.device.id}`, `ip:${sim.application.device.ip}`, `phone:${sim.identity.phone}`, `id:${sim.identity.idNumber}`];
}

/**
 * The day's new borrowers: each run applies concurrently at one simulated instant, then, in
 * arrival order, their hidden default is drawn and approved offers become listings (listings
 * queue auto-invest, whose serving order is global, so they open one by one).
 */
export async function arrivalsDay(world: World, sims: readonly SimBorrower[], input: { rng: Rng; pdMultiplier: number; concurrency: number }): Promise<BorrowerState[]> {
  const arrived: BorrowerState[] = [];
  for (const run of independentRuns(sims, applicationKeys, MAX_RUN)) {
    world.clock.advanceMs(ARRIVAL_GAP_MS);
    const states = await mapBounded(run, input.concurrency, (sim) => borrowerApplies(world, sim));
    for (const state of states) {
      world.clock.advanceMs(ARRIVAL_GAP_MS);
      drawDefault(state, input.rng, input.pdMultiplier);
      await borrowerLists(world, state);
      arrived.push(state);
    }
  }
  return arrived;
}
