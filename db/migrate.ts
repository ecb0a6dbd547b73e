import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { connectDatabase } from './client';

const here = dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_FOLDER = join(here, 'migrations');
const SQL_FOLDER = join(here, 'sql');
// Any fixed number: serialises concurrent migrators (web and worker starting together).
const MIGRATION_LOCK_ID = 4_242_001;

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      } catch (error) {
        // Another process created it between our check and our CREATE: that is fine.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Applies drizzle migrations, then the idempotent SQL in db/sql (triggers, functions). */
export async function migrateDatabase(url: string): Promise<void> {
  await ensureDatabaseExists(url);
  const database = connectDatabase(url, { max: 2, applicationName: 'p2p-migrate' });
  const lockClient = await database.pool.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
    const files = (await readdir(SQL_FOLDER)).filter((f) => f.endsWith('.sql')).sort();
    for (const file of files) {
      await lockClient.query(await readFile(join(SQL_FOLDER, file), 'utf8'));
    }
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    lockClient.release();
    await database.close();
  }
}
