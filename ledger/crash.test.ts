import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/testing/fixture';
import { getUserBalances, verifyLedger } from './index';

const database = useTestDatabase();
const worker = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'crash-worker.ts');
const BATCHES = 400;

function start(): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, database.current.url, String(BATCHES)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, done };
}

async function transferCount(): Promise<number> {
  const [row] = (await database.current.db.execute(sql`SELECT count(*)::int AS n FROM ledger_transfers WHERE idempotency_key LIKE 'crash-%'`)).rows as Array<{ n: number }>;
  return row!.n;
}

describe('a ledger writer killed mid-way', () => {
  it('leaves no partial linked batch and no imbalance; a rerun completes by idempotent retry', async () => {
    const first = start();
    // Kill it with SIGKILL once it is well into the batches (no chance to clean up).
    for (let waited = 0; (await transferCount()) < 60; waited += 1) {
      if (waited > 600) throw new Error('worker made no progress');
      await new Promise((r) => setTimeout(r, 25));
    }
    first.child.kill('SIGKILL');
    await first.done;

    const partial = await transferCount();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(BATCHES * 3);
    expect(partial % 3).toBe(0);
    const broken = (await database.current.db.execute(sql`SELECT batch_id FROM ledger_transfers WHERE idempotency_key LIKE 'crash-%' GROUP BY batch_id HAVING count(*) <> 3`)).rows;
    expect(broken).toEqual([]);
    expect(await verifyLedger(database.current.db)).toMatchObject({ ok: true, unbalancedCount: 0, accountMismatchCount: 0 });

    const second = start();
    expect(await second.done).toBe(0);
    expect(await transferCount()).toBe(BATCHES * 3);
    expect((await verifyLedger(database.current.db)).ok).toBe(true);
    // Each batch leaves +65 with user i and +35 with user i+1; 400 batches over 5 users.
    let total = 0n;
    for (let u = 0; u < 5; u += 1) total += (await getUserBalances(database.current.db, `crash-u${u}`)).availableFen;
    expect(total).toBe(BigInt(BATCHES) * 100n);
    expect((await getUserBalances(database.current.db, 'crash-u0')).availableFen).toBe(80n * 65n + 80n * 35n);
  }, 60_000);
});
