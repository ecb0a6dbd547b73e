import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { executePrepared, preparedNameFor, preparedQuery } from './execute-prepared';
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

  it('builds a placeholder statement once and runs it with the values of each call, on the pool and in a transaction', async () => {
    const { db } = database.current;
    let builds = 0;
    const twice = preparedQuery<{ v: bigint; label: string; at: string }>(() => {
      builds += 1;
      return sql`SELECT ${sql.placeholder('n')}::bigint * 2 AS v, 'x' || ${sql.placeholder('s')}::text AS label, ${sql.placeholder('at')}::timestamptz AS at`;
    });
    const at = new Date('2026-03-02T01:02:03.456Z');
    const [row] = (await twice(db, { n: 9_007_199_254_740_993n, s: 'a', at })).rows;
    expect(row).toMatchObject({ v: 18_014_398_509_481_986n, label: 'xa' });
    expect(new Date(row!.at).toISOString()).toBe(at.toISOString());
    const inTx = await db.transaction(async (tx) => (await twice(tx, { n: 4n, s: 'b', at })).rows[0]);
    expect(inTx).toMatchObject({ v: 8n, label: 'xb' });
    expect(builds).toBe(1);
    await expect(twice(db, { n: 'not a number', s: 'c', at })).rejects.toThrow();
  });
});
