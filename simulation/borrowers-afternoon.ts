import { borrowerConsents, borrowerMoneyDay, contractsToConsent, listingStatus, type BorrowerState } from './borrower-actions';
import { mapBounded } from './bounded-pool';
import { drainOutbox } from './drain-outbox';
import type { PhaseTimer } from './phase-timer';
import { relayCustody } from './relay-custody';
import type { World } from './world';

/** How long after arriving a borrower keeps an eye on their listing (its window is 20 business days). */
const WATCH_DAYS = 40;

/**
 * 16:00 — borrowers whose listing is still in play look at it, and its status says what they
 * do: funded → consent to the contract (in borrower order: consent queues the disbursement);
 * the disbursement runs and the relay takes the money to the bank; disbursed → take the money
 * out; expired or cancelled → stop looking. Looks, reads and withdrawals run concurrently.
 */
export async function borrowersAfternoon(world: World, borrowers: readonly BorrowerState[], input: { day: number; date: string; concurrency: number; timer: PhaseTimer }): Promise<void> {
  const { timer, concurrency } = input;
  const waiting = borrowers.filter((b) => b.listingId && !b.loanId && !b.listingClosed && input.day - b.sim.arrivalDay <= WATCH_DAYS);
  const statuses = await timer.time('look', () => mapBounded(waiting, concurrency, (b) => listingStatus(world, b)));
  for (const [i, b] of waiting.entries()) if (statuses[i] === 'expired' || statuses[i] === 'cancelled') b.listingClosed = true;
  const funded = waiting.filter((_, i) => statuses[i] === 'funded');
  await timer.time('consents', async () => {
    const toConsent = await mapBounded(funded, concurrency, (b) => contractsToConsent(world, b));
    for (const [i, b] of funded.entries()) for (const contractId of toConsent[i]!) await borrowerConsents(world, b, contractId);
  });
  await timer.time('drain-disburse', () => drainOutbox(world, { timer, concurrency }));
  // The relay runs all day in production: the disbursed money reaches the bank before borrowers take it out.
  await timer.time('dispatch', () => relayCustody(world));
  const disbursed = waiting.filter((_, i) => statuses[i] === 'funded' || statuses[i] === 'disbursed');
  await timer.time('spend', () => mapBounded(disbursed, concurrency, (b) => borrowerMoneyDay(world, b, input.date)));
}
