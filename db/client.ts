import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction handle; repository functions take `Db | Tx` as their first argument. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

// Postgres bigint (int8) comes back as string by default; money columns use drizzle's
// bigint mode, and raw SQL results are parsed here so no path turns them into floats.
pg.types.setTypeParser(20, (value: string) => BigInt(value));

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connectDatabase(url: string, options: { max?: number; applicationName?: string } = {}): Database {
  const poolOptions = { connectionString: url, application_name: options.applicationName ?? 'p2p', connectionTimeoutMillis: 5_000 };
  const pool = guardPool(new pg.Pool({ ...poolOptions, max: options.max ?? 10 }));
  // A few connections in pipeline mode (statements are sent without waiting for the previous
  // one's answer), for the hot transactions that send theirs together (db/pipelined-transaction.ts).
  // Connected only when first used. Their statements run with generic plans: the hot batch
  // statements take arrays, and with the arrays known a custom plan estimates unnest() at its
  // real length, always looks cheaper than the generic plan, and so is made again on every call.
  const pipelined = guardPool(new pg.Pool({ ...poolOptions, max: PIPELINED_CONNECTIONS, pipeline: true, options: '-c plan_cache_mode=force_generic_plan' } as pg.PoolConfig));
  const db = drizzle(pool, { schema });
  pipelinedPools.set(db, pipelined);
  return { db, pool, close: async () => void (await Promise.all([pool.end(), pipelined.end()])) };
}

const PIPELINED_CONNECTIONS = 4;
const pipelinedPools = new WeakMap<Db, pg.Pool>();

/** The pipeline-mode pool beside a database handle made by connectDatabase (none for other handles). */
export function pipelinedPoolOf(db: Db): pg.Pool | undefined {
  return pipelinedPools.get(db);
}

function guardPool(pool: pg.Pool): pg.Pool {
  // An idle client losing its connection (e.g. Postgres restarted) must not crash the process.
  pool.on('error', () => undefined);
  // A checked-out client whose backend is terminated emits 'error' on itself; unhandled, that
  // would kill the process. The query in flight still fails and its transaction rolls back.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
