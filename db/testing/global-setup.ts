import pg from 'pg';
import { loadConfig } from '../../kernel/config';
import { migrateDatabase } from '../migrate';
import { databaseUrl, TEMPLATE_ENV, testDatabaseName } from './names';

const STALE_AFTER_SECONDS = 2 * 3600;

async function adminQuery(baseUrl: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl(baseUrl, 'postgres') });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** Drops test databases left by crashed runs (older than two hours). */
async function sweepStale(baseUrl: string): Promise<void> {
  const result = await adminQuery(baseUrl, `SELECT datname FROM pg_database WHERE datname ~ '^p2p_(tpl|t)_[0-9]+_'`);
  const nowSeconds = Math.floor(Date.now() / 1000);
  for (const row of result.rows as Array<{ datname: string }>) {
    const created = Number(row.datname.split('_')[2]);
    if (nowSeconds - created > STALE_AFTER_SECONDS) {
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}

/** Vitest global setup: one migrated template database per test run; files clone it. */
export default async function setup(): Promise<() => Promise<void>> {
  const baseUrl = loadConfig().DATABASE_URL;
  await sweepStale(baseUrl);
  const templateName = testDatabaseName('tpl');
  await migrateDatabase(databaseUrl(baseUrl, templateName));
  process.env[TEMPLATE_ENV] = templateName;
  return async () => {
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${templateName}" WITH (FORCE)`);
  };
}
