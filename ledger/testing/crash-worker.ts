/**
 * Child process for ledger/crash.test.ts: applies `batches` linked batches of three transfers
 * with deterministic idempotency keys, one by one. Killed mid-way, then run again to completion.
 * Usage: node --import tsx ledger/testing/crash-worker.ts <databaseUrl> <batches>
 */
import { connectDatabase } from '../../db/client';
import { SimulatedClock } from '../../kernel/clock';
import { createTransfers, EXTERNAL_WORLD, openPlatformAccounts, openUserAccounts, simpleTransfer, userAvailable } from '../index';

const [url, batchesText] = process.argv.slice(2);
const batches = Number(batchesText);
const database = connectDatabase(url!, { max: 2, applicationName: 'p2p-crash-worker' });
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
const USERS = 5;

await openPlatformAccounts(database.db, clock);
for (let u = 0; u < USERS; u += 1) await openUserAccounts(database.db, clock, `crash-u${u}`);
const user = (n: number) => userAvailable(`crash-u${n % USERS}`);
const mandate = { kind: 'repayment_mandate' as const, reference: 'crash' };

for (let i = 0; i < batches; i += 1) {
  // Deposit 100 to one user, who pays 60 on, who pays 25 back: linked, so all three or none.
  await createTransfers(database.db, clock, [
    simpleTransfer({ idempotencyKey: `crash-${i}-a`, kind: 'deposit', debit: EXTERNAL_WORLD, credit: user(i), amountFen: 100n, authorisation: { kind: 'one_time_code', reference: 'crash' }, custody: 'direct' }),
    simpleTransfer({ idempotencyKey: `crash-${i}-b`, kind: 'repayment', debit: user(i), credit: user(i + 1), amountFen: 60n, authorisation: mandate, custody: 'direct' }),
    simpleTransfer({ idempotencyKey: `crash-${i}-c`, kind: 'repayment', debit: user(i + 1), credit: user(i), amountFen: 25n, authorisation: mandate, custody: 'direct' }),
  ]);
  if (i % 10 === 0) process.stdout.write(`${i}\n`);
}
await database.close();
process.stdout.write('done\n');
