import type { Job } from 'bullmq';
import { trainingProcessor } from '../jobs/processors/training.sandbox';
import { addDays, addMonths, chinaMidnight } from '../kernel/calendar';
import { newId } from '../kernel/ids';
import { makeRng } from '../models/core/rng';
import { decisionRuntimeOf } from '../dashboard/api/routes/applications';
import { AuditBreach, Auditor } from './auditor';
import { arrivalsDay } from './arrivals';
import { borrowerMoneyDay, type BorrowerState } from './borrower-actions';
import { borrowersAfternoon } from './borrowers-afternoon';
import { mapBounded } from './bounded-pool';
import { drainOutbox } from './drain-outbox';
import { relayCustody } from './relay-custody';
import { onboardInvestors } from './investor-actions';
import { manualBidsDay } from './manual-bids';
import { makePopulation } from './population';
import { PhaseTimer } from './phase-timer';
import { summarise, type SimulationSummary } from './summary';
import type { SimulationOptions } from './options';
import type { World } from './world';

export type { SimulationOptions } from './options';


const at = (date: string, hourChina: number) => new Date(chinaMidnight(date).getTime() + hourChina * 3_600_000);

async function runProcessor(world: World, queue: 'reconciliation' | 'delinquency' | 'disclosures' | 'listing-expiry', data: Record<string, unknown>): Promise<void> {
  const spec = world.processors[queue];
  if (!spec || !('inline' in spec)) return;
  await spec.inline({ id: `sim-${queue}-${JSON.stringify(data)}`, name: queue, data, attemptsMade: 0 } as unknown as Job);
}

async function collectionsDay(world: World, analystToken: string, date: string): Promise<number> {
  const queue = await world.api('GET', '/api/v1/collections/queue?limit=30', { token: analystToken });
  let contacted = 0;
  for (const item of queue.body.items as Array<{ caseId?: string; id?: string }>) {
    const caseId = item.caseId ?? item.id;
    const result = await world.api('POST', `/api/v1/collections/cases/${caseId}/interactions`, {
      token: analystToken,
      idempotencyKey: `sim-collect-${caseId}-${date}`,
      body: { channel: 'sms', target: 'debtor', outcome: 'sent', message: '您好，您的借款本期应还款项尚未结清，请及时登录平台还款。如有困难可申请协商还款计划。' },
      expect: [200, 201, 404, 409, 422],
    });
    if (result.status < 300) contacted += 1;
  }
  return contacted;
}

async function retrainCycle(world: World): Promise<string> {
  try {
    // The same processor the sandboxed worker runs, called in-process on the simulation's database.
    const run = trainingProcessor({ db: world.deps.db, clock: world.clock });
    const job = { id: `train_${newId('mdl', world.clock)}`, name: 'retrain', data: { kind: 'credit', requestedBy: 'simulator', name: 'sim-retrain' }, updateProgress: async () => undefined } as unknown as Job;
    const result = await run(job);
    return JSON.stringify(result).slice(0, 300);
  } catch (error) {
    // A failed query's message is the SQL; the database's reason is its cause.
    const cause = (error as { cause?: Error }).cause;
    return `retraining failed: ${cause?.message ?? (error as Error).message}`;
  }
}

export async function runSimulation(world: World, options: SimulationOptions): Promise<SimulationSummary> {
  const started = performance.now();
  const endDate = addMonths(options.startDate, options.months);
  const days = Math.round((Date.parse(endDate) - Date.parse(options.startDate)) / 86_400_000);
  const population = makePopulation({ seed: options.seed, borrowers: options.borrowers, investors: options.investors, days, startYear: Number(options.startDate.slice(0, 4)) });
  const rng = makeRng(options.seed ^ 0x5eed);
  const arrivals = new Map<number, typeof population.borrowers>();
  for (const b of population.borrowers) arrivals.set(b.arrivalDay, [...(arrivals.get(b.arrivalDay) ?? []), b]);
  const runtime = await decisionRuntimeOf(world.deps);
  const timer = new PhaseTimer();
  world.onApiCall = (route, ms) => timer.add(`api:${route}`, ms);
  const auditor = new Auditor(
    {
      db: world.deps.db,
      bank: world.workerDeps.bank,
      replayRuntime: async () => ({ models: (await runtime.activeModels(world.deps.db, world.clock)).models, config: runtime.config }),
    },
    timer,
  );
  const analyst = await world.createUser({ email: 'collector@sim.p2p.test', displayName: 'Collector', roles: ['analyst'] });

  // Calls in flight at once where actors are independent; the books do not depend on it.
  const concurrency = Math.max(1, options.concurrency ?? 6);
  world.clock.set(at(options.startDate, 9));
  const investors = await timer.time('onboard-investors', () => onboardInvestors(world, population.investors, concurrency));
  const borrowers: BorrowerState[] = [];
  const stats = { applications: 0, listings: 0, audits: 0, retrain: 0, contacts: 0 };
  const retrainDay = Math.round(((options.retrainMonth ?? Math.floor(options.months / 2)) / options.months) * days);
  let auditedDays = 0;

  for (let day = 0; day <= days; day += 1) {
    const date = addDays(options.startDate, day);
    const yesterday = addDays(date, -1);
    // 01:00 — the nightly jobs for yesterday, then the auditor over yesterday's books.
    world.clock.set(at(date, 1));
    if (day > 0) {
      await timer.time('dispatch', () => relayCustody(world));
      await timer.time('reconciliation', () => runProcessor(world, 'reconciliation', { businessDate: yesterday }));
      await timer.time('delinquency', () => runProcessor(world, 'delinquency', { businessDate: yesterday }));
      if (date.endsWith('-01')) await timer.time('disclosures', () => runProcessor(world, 'disclosures', { yearMonth: yesterday.slice(0, 7) }));
      if (options.audit ?? true) {
        try {
          // From scratch at each month's end (after its disclosure) and on the last day; incremental otherwise.
          await timer.time('audit', () => auditor.auditDay(yesterday, { full: date.endsWith('-01') || day === days }));
          stats.audits = auditor.totals.checks;
          auditedDays += 1;
        } catch (error) {
          if (error instanceof AuditBreach) throw new Error(`auditor stopped the run: seed ${options.seed}, day ${day - 1} (${yesterday}): ${error.message}`);
          throw error;
        }
      }
    }
    if (day === days) break;
    // 08:30 — borrowers with an installment due today pay it in (or don't).
    world.clock.set(at(date, 8.5));
    // Each borrower moves only their own money: they may do it at once, results land per borrower.
    const due = borrowers.filter((b) => b.loanId && b.nextActionDate === date);
    await timer.time('repay', () => mapBounded(due, concurrency, (b) => borrowerMoneyDay(world, b, date)));
    // 09:30 — the automatic debits (released at 09:00) and anything else due.
    world.clock.set(at(date, 9.5));
    await timer.time('drain-debits', () => drainOutbox(world, { timer, concurrency }));
    // 10:00 onwards — new borrowers apply; listings open and mandates are served.
    world.clock.set(at(date, 10));
    const pdMultiplier = options.drift && day > days / 2 ? 1.8 : 1;
    const arrived = await timer.time('arrivals', () => arrivalsDay(world, arrivals.get(day) ?? [], { rng, pdMultiplier, concurrency }));
    for (const state of arrived) {
      stats.applications += state.applicationId ? 1 : 0;
      stats.listings += state.listingId ? 1 : 0;
      borrowers.push(state);
    }
    await timer.time('drain-auto-invest', () => drainOutbox(world, { timer, concurrency }));
    world.clock.set(at(date, 14));
    await timer.time('manual-bids', () => manualBidsDay(world, investors, { rng, day, concurrency }));
    await timer.time('drain-funding', () => drainOutbox(world, { timer, concurrency }));
    // 16:00 — funded listings have contracts: borrowers consent, disbursement follows, borrowers take the money.
    world.clock.set(at(date, 16));
    await borrowersAfternoon(world, borrowers, { day, date, concurrency, timer });
    if (day % 7 === 3) stats.contacts += await timer.time('collections', () => collectionsDay(world, analyst.token, date));
    if (day === retrainDay) {
      stats.retrain += 1;
      console.error(`[sim] retraining cycle on ${date}: ${await retrainCycle(world)}`);
    }
    // 18:00 — listings past their window expire; custody instructions go to the bank.
    world.clock.set(at(date, 18));
    await timer.time('expiry', () => runProcessor(world, 'listing-expiry', { businessDate: date }));
    await timer.time('dispatch', () => relayCustody(world));
    await options.onDay?.({ day, date, stats, phaseSeconds: timer.seconds() });
  }
  return summarise(world, { options, seconds: (performance.now() - started) / 1000, stats, auditedDays, audit: auditor.totals, phaseSeconds: timer.seconds() });
}
