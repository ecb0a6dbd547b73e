import { count, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { connectDatabase } from '../db/client';
import { users } from '../db/schema';
import { addDays, addMonths, chinaDate } from '../kernel/calendar';
import { loadConfig } from '../kernel/config';
import { makeRng } from '../models/core/rng';
import { borrowerArrives } from '../simulation/borrower-actions';
import { onboardInvestor } from '../simulation/investor-actions';
import { loadGermanRows } from '../simulation/german-rows';
import { makeBorrower, makeInvestor } from '../simulation/population';
import { runSimulation } from '../simulation/run-simulation';
import { createWorld } from '../simulation/world';

/**
 * Seeds demo data into an EMPTY database (run by `npm start`): a few months of marketplace
 * life simulated through the platform's real use cases, ending today, plus one demo account
 * per role. Does nothing when the database already has users.
 */
export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_ACCOUNTS = [
  { email: 'borrower@demo.p2p.test', roles: ['borrower'] as const, note: 'verified, one application and listing' },
  { email: 'investor@demo.p2p.test', roles: ['investor'] as const, note: 'onboarded, funds deposited, auto-invest mandate' },
  { email: 'analyst@demo.p2p.test', roles: ['analyst'] as const, note: 'rules, models, reviews, analytics' },
  { email: 'analyst2@demo.p2p.test', roles: ['analyst'] as const, note: 'second approver (maker-checker)' },
  { email: 'admin@demo.p2p.test', roles: ['admin'] as const, note: 'users, audit log, reconciliation, compliance' },
];

function printAccounts(): void {
  console.log(`[demo] demo accounts (password: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) console.log(`[demo]   ${a.roles.join(',').padEnd(9)} ${a.email.padEnd(26)} ${a.note}`);
}

const config = loadConfig();
const database = connectDatabase(config.DATABASE_URL, { max: 10, applicationName: 'p2p-demo-seed' });
const [{ n }] = (await database.db.select({ n: count() }).from(users)) as [{ n: number }];
if (Number(n) > 0) {
  const demo = await database.db.execute(sql`SELECT 1 FROM users WHERE email = 'admin@demo.p2p.test'`);
  if (demo.rows.length > 0) printAccounts();
  else console.log('[demo] the database already has data; no demo seeded');
  await database.close();
  process.exit(0);
}

const months = Number(process.env.DEMO_MONTHS ?? 3);
const borrowers = Number(process.env.DEMO_BORROWERS ?? 1200);
const investors = Number(process.env.DEMO_INVESTORS ?? 100);
const today = chinaDate(new Date());
const startDate = addMonths(today, -months);
console.log(`[demo] empty database: simulating ${months} months (${startDate} → ${today}) with ${borrowers} borrowers and ${investors} investors…`);
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
const world = await createWorld({ start: `${startDate}T01:00:00Z`, database, redis, redisPrefix: config.REDIS_PREFIX });

// Demo people arrive on the first day through the same paths as everyone else.
const rng = makeRng(2026);
const german = loadGermanRows();
const demoBorrower = { ...makeBorrower(rng, 900_000, german, { days: 1, startYear: Number(startDate.slice(0, 4)), fraudRing: null }), email: DEMO_ACCOUNTS[0]!.email, displayName: '演示借款人', password: DEMO_PASSWORD, latentPd: 0.02 };
// A sound applicant (the bootstrap model's strongest signals: no overdraft-prone checking account,
// savings, own home, long employment, property), so the demo borrower is approved at a grade
// priced within the rate cap and has a listing, a contract and a loan to show.
demoBorrower.application = {
  ...demoBorrower.application,
  amount: '8000.00',
  termMonths: 12,
  purpose: 'used_car',
  monthlyIncome: '15000.00',
  monthlyDebtPayments: '500.00',
  checkingBalanceBand: 'none',
  savingsBalanceBand: 'ge_1000',
  declaredOtherPlatformOutstanding: '0.00',
  housing: { status: 'own', yearsAtAddress: 4 },
  employment: { status: 'employed', occupationClass: 'skilled', yearsEmployed: 9 },
  mostValuableAsset: 'real_estate',
  guarantor: 'none',
  dependents: 1,
};
demoBorrower.bureauFile = { historyStatus: 'existing_paid', otherInstalmentPlans: 'none' };
await borrowerArrives(world, demoBorrower, rng, 1);
await onboardInvestor(world, { ...makeInvestor(rng, 900_000, Number(startDate.slice(0, 4))), email: DEMO_ACCOUNTS[1]!.email, displayName: '演示出借人', password: DEMO_PASSWORD, riskPreference: 'aggressive', budgetFen: 50_000_000n });
for (const account of DEMO_ACCOUNTS.slice(2)) {
  await world.createUser({ email: account.email, displayName: account.email.split('@')[0]!, roles: [...account.roles], password: DEMO_PASSWORD });
}

const started = performance.now();
const summary = await runSimulation(world, {
  seed: 2026,
  months,
  borrowers,
  investors,
  startDate: addDays(startDate, 0),
  onDay: ({ day, date }) => {
    if (day % 15 === 0) process.stdout.write(`[demo] ${date}\n`);
  },
}).catch((error: Error) => {
  console.error(`[demo] seeding stopped: ${error.message}`);
  process.exit(1);
});
await world.close();
redis.disconnect();
console.log(`[demo] seeded in ${((performance.now() - started) / 1000).toFixed(0)} s: ${summary.stats.applications} applications, ${summary.stats.listings} listings, audited ${summary.auditedDays} days`);
printAccounts();
process.exit(0);
