import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/testing/fixture';
import type { DbOrTx } from '../db/client';
import { DECISION_CHAIN_LOCK, takeChainLock } from './decision-chain';
import { BORROWER_LOCK_SPACE } from './decision-writer';

const database = useTestDatabase();

/** decision_write_batch (db/sql/040-decisions.sql) called directly with one item. */
function writeOne(options: { key: string; exposureBeforeFen: number; exposureNowFen?: number; sealedLengths?: number[]; textRanges?: number[] }, runner: DbOrTx = database.current.db) {
  const lengths = options.sealedLengths ?? [4];
  const textRanges = options.textRanges ?? [0, 2, 2, 2, 0, 2]; // '{}' twice in the sealed bytes '{}{}'
  return runner.execute<{ item: number; result: string; seq: string | null }>(sql`
    SELECT item, result, seq FROM decision_write_batch(${BORROWER_LOCK_SPACE}::int, ${DECISION_CHAIN_LOCK}::bigint,
      ${sql.param(['applications:usr_w'])}::text[], ${sql.param([options.key])}::text[], ${sql.param(['h'])}::text[],
      ${sql.param(['2026-03-02T02:00:00Z'])}::timestamptz[], ${sql.param([201])}::int[], ${sql.param(['{"id":"app_w"}'])}::text[],
      ${sql.param(['usr_w'])}::text[], ${sql.param([String(options.exposureBeforeFen)])}::bigint[],
      ${options.exposureNowFen === undefined ? null : sql.param([String(options.exposureNowFen)])}::bigint[],
      '[{}]'::jsonb, '[null]'::jsonb, '[{}]'::jsonb, ${Buffer.from('{}{}')}::bytea, ${sql.param([0])}::int[], ${sql.param([2])}::int[], ${sql.param(lengths)}::int[], ${sql.param(textRanges)}::int[])`);
}

const rows = async () =>
  (await database.current.db.execute<{ keys: number; decisions: number; applications: number }>(sql`
    SELECT (SELECT count(*)::int FROM idempotency_keys) AS keys, (SELECT count(*)::int FROM decisions) AS decisions, (SELECT count(*)::int FROM loan_applications) AS applications`)).rows[0]!;

describe('decision_write_batch', () => {
  it('refuses an item whose exposure moved since its features were read: conflict, its key released, nothing written', async () => {
    const before = await rows();
    // The platform's exposure of a borrower with nothing on the platform is 0, not 5,000 fen.
    expect((await writeOne({ key: 'moved-0001', exposureBeforeFen: 5_000 })).rows).toEqual([{ item: 1, result: 'conflict', seq: null }]);
    // Likewise with an exposure read by a replaced source under the locks.
    expect((await writeOne({ key: 'moved-0002', exposureBeforeFen: 0, exposureNowFen: 7 })).rows).toEqual([{ item: 1, result: 'conflict', seq: null }]);
    expect(await rows()).toEqual(before);
  });

  it('answers replay for a key already claimed, and writes nothing for it', async () => {
    await database.current.db.execute(sql`INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at) VALUES ('applications:usr_w', 'claimed-0001', 'h', 201, '{}', now())`);
    const before = await rows();
    expect((await writeOne({ key: 'claimed-0001', exposureBeforeFen: 5_000 })).rows).toEqual([{ item: 1, result: 'replay', seq: null }]);
    expect(await rows()).toEqual(before);
  });

  it('refuses arguments that do not have one element per item, writing nothing', async () => {
    const before = await rows();
    const error = (await writeOne({ key: 'shape-0001', exposureBeforeFen: 0, sealedLengths: [4, 4] }).catch((e: unknown) => e)) as Error & { cause?: Error };
    expect(error.cause?.message ?? error.message).toMatch(/one element per item/);
    expect(await rows()).toEqual(before);
  });

  it('refuses a JSON column whose range lies outside its own sealed record, writing nothing', async () => {
    const before = await rows();
    for (const textRanges of [[0, 2, 2, 3, 0, 2], [0, 2, 2, 2, -1, 2], [0, 2, 2, 2, 0, -1], [0, 2, 2, 2]]) {
      const error = (await writeOne({ key: `range-${textRanges.join('_')}`, exposureBeforeFen: 0, textRanges }).catch((e: unknown) => e)) as Error & { cause?: Error };
      expect(error.cause?.message ?? error.message).toMatch(/outside its own sealed record|one element per item/);
    }
    expect(await rows()).toEqual(before);
  });

  it('commits durably: a decision the applicant has been shown survives a crash (no asynchronous commit)', async () => {
    const setting = async (tx: DbOrTx) => (await tx.execute<{ s: string }>(sql`SELECT current_setting('synchronous_commit') AS s`)).rows[0]!.s;
    const seen = await database.current.db.transaction(async (tx) => {
      const before = await setting(tx);
      await writeOne({ key: 'durable-0001', exposureBeforeFen: 5_000 }, tx); // refused (conflict), but through the whole function
      const afterBatch = await setting(tx);
      await takeChainLock(tx); // the manual-review path (appendDecision)
      return { before, afterBatch, afterChainLock: await setting(tx) };
    });
    expect(seen).toEqual({ before: 'on', afterBatch: 'on', afterChainLock: 'on' });
  });
});
