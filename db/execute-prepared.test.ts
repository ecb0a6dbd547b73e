import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { executePrepared, preparedNameFor } from './execute-prepared';
import { useTestDatabase } from './testing/fixture';

const database = useTestDatabase();

describe('executePrepared', () => {
  it('returns what db.execute returns, bigints and all, on the pool and inside a transaction', async () => {
    const { db } = database.current;
    const query = (n: bigint) => sql`SELECT ${n}::bigint + 1 AS next, 'x' || ${String(n)} AS label`;
    expect((await executePrepared(db, query(9_007_199_254_740_993n))).rows).toEqual((await db.execute(query(9_007_199_254_740_993n))).rows);
    const inTx = await db.transaction(async (tx) => (await executePrepared<{ next: bigint }>(tx, query(41n))).rows[0]!.next);
    expect(inTx).toBe(42n);
  });

  it('prepares a text once per connection and reuses it with other values', async () => {
    const { db } = database.current;
    // One connection (a transaction) so pg_prepared_statements shows that session's statements.
    await db.transaction(async (tx) => {
      const before = (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_prepared_statements`)).rows[0]!.n;
      for (let i = 0; i < 5; i += 1) expect((await executePrepared<{ v: number }>(tx, sql`SELECT ${i}::int * 2 AS v`)).rows[0]!.v).toBe(i * 2);
      const after = (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_prepared_statements`)).rows[0]!.n;
      expect(after - before).toBe(1);
    });
  });

  it('gives different texts different names and the same text the same name', () => {
    expect(preparedNameFor('SELECT 1')).toBe(preparedNameFor('SELECT 1'));
    expect(preparedNameFor('SELECT 1')).not.toBe(preparedNameFor('SELECT 2'));
  });

  it('surfaces a failing statement as an error and leaves the connection usable', async () => {
    const { db } = database.current;
    await expect(executePrepared(db, sql`SELECT 1 / ${0}::int AS boom`)).rejects.toThrow();
    expect((await executePrepared<{ ok: number }>(db, sql`SELECT ${1}::int AS ok`)).rows[0]!.ok).toBe(1);
  });
});
