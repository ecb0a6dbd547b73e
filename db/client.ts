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
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'p2p',
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its connection (e.g. Postgres restarted) must not crash the process.
  pool.on('error', () => undefined);
  // A checked-out client whose backend is terminated emits 'error' on itself; unhandled, that
  // would kill the process. The query in flight still fails and its transaction rolls back.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
