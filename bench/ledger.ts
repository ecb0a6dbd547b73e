/**
 * Ledger benchmark (`npm run bench -- ledger`), in its own freshly migrated database:
 * - transfers per second and p50/p99 latency with concurrent clients, (a) spread over many
 *   accounts and (b) all touching one hot account, each transfer one createTransfers call
 *   (one round trip, its own transaction);
 * - the same spread load in non-linked batches of 10 (one round trip per batch);
 * - verifyLedger over ≥ 1,000,000 entries (bulk-generated, balanced, then verified).
 */
import { sql } from 'drizzle-orm';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../db/testing/fixture';
import { SimulatedClock } from '../kernel/clock';
import { createTransfers, EXTERNAL_WORLD, openAccounts, openPlatformAccounts, simpleTransfer, userAvailable, verifyLedger, type TransferInput } from '../ledger';

const CLIENTS = Number(process.env.LEDGER_BENCH_CLIENTS ?? 16);
const DURATION_MS = Number(process.env.LEDGER_BENCH_SECONDS ?? 8) * 1000;
const USERS = 2_000;
const VERIFY_ENTRIES = 1_000_000;
const clock = new SimulatedClock('2026-03-02T02:00:00Z');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2));
}

/** A marketing credit from user i to user j would break policy; user-to-user money moves as repayments. */
function transfer(run: string, n: number, from: number, to: number): TransferInput {
  return simpleTransfer({
    idempotencyKey: `${run}-${n}`,
    kind: 'repayment',
    debit: userAvailable(`u${from}`),
    credit: userAvailable(`u${to}`),
    amountFen: 1n,
    authorisation: { kind: 'repayment_mandate', reference: 'bench' },
    custody: 'direct',
  });
}

async function load(database: TestDatabase, run: string, pick: () => [number, number], batch: number) {
  const latencies: number[] = [];
  let counter = 0;
  let failures = 0;
  const deadline = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const transfers = Array.from({ length: batch }, () => {
          const [from, to] = pick();
          return transfer(run, (counter += 1), from, to);
        });
        const t0 = performance.now();
        try {
          await createTransfers(database.db, clock, transfers, { linked: batch === 1 });
        } catch {
          failures += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    transfersPerSecond: Math.round((latencies.length * batch) / seconds),
    callsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    calls: latencies.length,
    failures,
  };
}

async function fillForVerify(database: TestDatabase): Promise<number> {
  // Balanced pairs straight into the tables (the append-only trigger allows INSERT), then the
  // accounts' stored balances are brought in line, exactly what 500,000 transfers would leave.
  const pairs = VERIFY_ENTRIES / 2;
  await database.db.execute(sql`ANALYZE ledger_accounts`);
  await database.db.execute(sql`
    WITH acc AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM ledger_accounts WHERE owner_kind = 'user' AND purpose = 'available')
    INSERT INTO ledger_transfers (id, idempotency_key, request_hash, kind, phase, debit_account_id, credit_account_id, amount_fen, custody, metadata, created_at)
    SELECT 'bulk-' || g, 'bulk-' || g, 'x', 'repayment', 'posted', acc.ids[1 + g % acc.n], acc.ids[1 + (g + 1) % acc.n], 1, 'direct', '{}', now()
      FROM generate_series(1, ${pairs}) g, acc`);
  await database.db.execute(sql`
    INSERT INTO ledger_entries (transfer_id, account_id, is_credit, is_pending, amount_fen, created_at)
    SELECT t.id, CASE WHEN s.c THEN t.credit_account_id ELSE t.debit_account_id END, s.c, false, t.amount_fen, t.created_at
      FROM ledger_transfers t CROSS JOIN (VALUES (false), (true)) s(c) WHERE t.id LIKE 'bulk-%'`);
  await database.db.execute(sql`
    UPDATE ledger_accounts a SET debits_posted_fen = a.debits_posted_fen + d.dp, credits_posted_fen = a.credits_posted_fen + d.cp
      FROM (SELECT e.account_id, sum(e.amount_fen) FILTER (WHERE NOT e.is_credit) AS dp, sum(e.amount_fen) FILTER (WHERE e.is_credit) AS cp
              FROM ledger_entries e JOIN ledger_transfers t ON t.id = e.transfer_id WHERE t.id LIKE 'bulk-%' GROUP BY e.account_id) d
     WHERE a.id = d.account_id`);
  await database.db.execute(sql`VACUUM ANALYZE ledger_entries`);
  const [row] = (await database.db.execute(sql`SELECT count(*)::int AS n FROM ledger_entries`)).rows as Array<{ n: number }>;
  return row!.n;
}

export async function run(): Promise<Record<string, unknown>> {
  const database = await createTestDatabase();
  try {
    const { db } = database;
    await openPlatformAccounts(db, clock);
    await openAccounts(
      db,
      clock,
      Array.from({ length: USERS }, (_, i) => userAvailable(`u${i}`)),
    );
    // Every user starts with 1,000,000 yuan so no transfer fails for want of funds.
    const funding = Array.from({ length: USERS }, (_, i) =>
      simpleTransfer({ idempotencyKey: `fund-${i}`, kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable(`u${i}`), amountFen: 100_000_000n, authorisation: { kind: 'one_time_code', reference: 'bench' }, custody: 'direct' }),
    );
    for (let i = 0; i < funding.length; i += 500) await createTransfers(db, clock, funding.slice(i, i + 500), { linked: false });

    const random = () => Math.floor(Math.random() * USERS);
    const spreadPick = (): [number, number] => {
      const from = random();
      return [from, (from + 1 + Math.floor(Math.random() * (USERS - 1))) % USERS];
    };
    const hotPick = (): [number, number] => [0, 1 + Math.floor(Math.random() * (USERS - 1))];

    const log = (what: string) => console.error(`[bench ledger] ${what}`);
    await load(database, 'warmup', spreadPick, 1);
    const spread = await load(database, 'spread', spreadPick, 1);
    log(`spread ${JSON.stringify(spread)}`);
    const hot = await load(database, 'hot', hotPick, 1);
    log(`hot ${JSON.stringify(hot)}`);
    const spreadBatched = await load(database, 'batch', spreadPick, 10);
    log(`batched ${JSON.stringify(spreadBatched)}`);
    const liveCheck = await verifyLedger(db);

    const entries = await fillForVerify(database);
    log(`filled ${entries} entries`);
    const t0 = performance.now();
    const verification = await verifyLedger(db);
    const verifySeconds = (performance.now() - t0) / 1000;

    return {
      clients: CLIENTS,
      secondsPerScenario: DURATION_MS / 1000,
      accounts: USERS,
      spreadSingle: spread,
      hotAccountSingle: hot,
      spreadBatchesOf10: spreadBatched,
      ledgerOkAfterLoad: liveCheck.ok,
      verifier: { entries, seconds: Number(verifySeconds.toFixed(2)), ok: verification.ok },
      targets: { spreadTransfersPerSecond: '>= 2000', p99Ms: '<= 20', verifierSecondsFor1e6Entries: '<= 2' },
    };
  } finally {
    await dropTestDatabase(database);
  }
}

if (process.argv[1]?.endsWith('bench/ledger.ts')) {
  run().then(
    (figures) => {
      console.log(JSON.stringify(figures, null, 2));
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
