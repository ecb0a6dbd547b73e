import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pipelinedPoolOf } from './client';
import { pipelinedTransaction } from './pipelined-transaction';
import { useTestDatabase } from './testing/fixture';

const database = useTestDatabase();

async function createTable(name: string): Promise<void> {
  await database.current.db.execute(sql.raw(`CREATE TABLE ${name} (id int PRIMARY KEY)`));
}

const idsIn = async (name: string) => (await database.current.db.execute<{ id: number }>(sql.raw(`SELECT id FROM ${name} ORDER BY id`))).rows.map((r) => r.id);

describe('pipelinedTransaction', () => {
  it('commits the awaited and the later statements together', async () => {
    await createTable('pt_ok');
    const result = await pipelinedTransaction(database.current.db, async (tx, later) => {
      await tx.execute(sql`INSERT INTO pt_ok VALUES (1)`);
      later(tx.execute(sql`INSERT INTO pt_ok VALUES (2)`));
      later(tx.execute(sql`INSERT INTO pt_ok VALUES (3)`));
      return 'done';
    });
    expect(result).toBe('done');
    expect(await idsIn('pt_ok')).toEqual([1, 2, 3]);
    // It ran on the pipeline-mode pool, not the ordinary-transaction fallback.
    expect(pipelinedPoolOf(database.current.db)!.totalCount).toBeGreaterThan(0);
  });

  it('commits nothing when a later statement fails, and throws its error', async () => {
    await createTable('pt_later');
    const error = await pipelinedTransaction(database.current.db, async (tx, later) => {
      await tx.execute(sql`INSERT INTO pt_later VALUES (1)`);
      later(tx.execute(sql`INSERT INTO pt_later VALUES (2)`));
      later(tx.execute(sql`INSERT INTO pt_later VALUES (1)`)); // duplicate key
      later(tx.execute(sql`INSERT INTO pt_later VALUES (3)`));
    }).catch((e: unknown) => e as Error & { cause?: Error });
    expect(error).toBeInstanceOf(Error);
    expect((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message).toMatch(/duplicate key/);
    expect(await idsIn('pt_later')).toEqual([]);
  });

  it('rolls back when the work throws, and the connection serves the next transaction', async () => {
    await createTable('pt_throw');
    await expect(
      pipelinedTransaction(database.current.db, async (tx, later) => {
        later(tx.execute(sql`INSERT INTO pt_throw VALUES (1)`));
        throw new Error('planning failed');
      }),
    ).rejects.toThrow('planning failed');
    expect(await idsIn('pt_throw')).toEqual([]);
    // Every pipelined connection is back in a clean state (no transaction left open on any).
    for (let i = 0; i < 6; i += 1) {
      await pipelinedTransaction(database.current.db, async (tx) => void (await tx.execute(sql`INSERT INTO pt_throw VALUES (${10 + i})`)));
    }
    expect(await idsIn('pt_throw')).toEqual([10, 11, 12, 13, 14, 15]);
  });
});
