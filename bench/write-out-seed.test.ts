import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/testing/fixture';
import { writeOutSeed } from './write-out-seed';

const database = useTestDatabase();

describe('writeOutSeed', () => {
  it('runs a checkpoint, or says it could not', async () => {
    const db = database.current.db;
    const requested = async () => (await db.execute<{ n: string }>(sql`SELECT checkpoints_req::text AS n FROM pg_stat_bgwriter`)).rows[0]!.n;
    const before = BigInt(await requested());
    expect(await writeOutSeed(db)).toBe(true);
    expect(BigInt(await requested())).toBeGreaterThan(before);
    // As a role without the checkpoint privilege it is refused: reported, not thrown.
    const refused = await db
      .transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL ROLE pg_monitor`);
        return writeOutSeed(tx);
      })
      .catch((e: unknown) => e);
    expect(refused).toBe(false);
  });
});
