import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { pipelinedPoolOf, type Db } from './client';
import * as schema from './schema';

/** Registers a statement already sent whose result the work does not need before COMMIT. */
export type Later = (statement: Promise<unknown>) => void;

const handles = new WeakMap<pg.PoolClient, Db>();

/**
 * A transaction whose BEGIN travels with its first statement and whose COMMIT travels with its
 * last ones, on a pipeline-mode connection (connectDatabase): node-postgres otherwise waits for
 * each answer before sending the next statement, so BEGIN and COMMIT each cost a round trip of
 * their own. `work` awaits the statements whose results it needs and hands the rest to `later`;
 * COMMIT is sent right behind them, and the transaction has committed only if every one of
 * them, and the COMMIT, succeeded (after a failed statement PostgreSQL turns COMMIT into a
 * rollback). A handle without a pipelined pool runs the same work in an ordinary transaction.
 *
 * BEGIN is not awaited before the first statement: on a connection that answers at all, BEGIN
 * cannot fail, and a connection that breaks fails every statement behind it.
 */
export async function pipelinedTransaction<T>(db: Db, work: (tx: Db, later: Later) => Promise<T>): Promise<T> {
  const pool = pipelinedPoolOf(db);
  if (!pool) return db.transaction((tx) => inOrder(tx as unknown as Db, work));
  const client = await pool.connect();
  let tx = handles.get(client);
  if (!tx) handles.set(client, (tx = drizzle(client, { schema })));
  // Each pending statement settles to its error or undefined, so none is ever an unhandled rejection.
  const settle = (statement: Promise<unknown>) => statement.then(() => undefined, (error: unknown) => error ?? new Error('statement failed'));
  const pending = [settle(client.query('BEGIN'))];
  let healthy = true;
  try {
    let result: T;
    try {
      result = await work(tx, (statement) => void pending.push(settle(statement)));
    } catch (error) {
      await Promise.all(pending);
      await client.query('ROLLBACK').catch(() => (healthy = false));
      throw error;
    }
    pending.push(settle(client.query('COMMIT')));
    const failed = (await Promise.all(pending)).find((error) => error !== undefined);
    if (failed !== undefined) throw failed;
    return result;
  } finally {
    // A connection whose ROLLBACK failed is in an unknown state: closed, not reused.
    client.release(healthy ? undefined : true);
  }
}

/** The ordinary-transaction form: each `later` statement is awaited before the work's result is returned. */
async function inOrder<T>(tx: Db, work: (tx: Db, later: Later) => Promise<T>): Promise<T> {
  const pending: Array<Promise<unknown>> = [];
  const result = await work(tx, (statement) => {
    pending.push(statement);
    statement.catch(() => undefined); // handled: Promise.all below rejects with it
  });
  await Promise.all(pending);
  return result;
}
