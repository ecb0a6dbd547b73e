import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../kernel/config';
import { connectDatabase, type Database } from '../client';
import { migrateDatabase } from '../migrate';
import { databaseUrl, TEMPLATE_ENV, testDatabaseName } from './names';

export interface TestDatabase extends Database {
  url: string;
  name: string;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(loadConfig().DATABASE_URL, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, fully migrated database (cloned from the run's template when there is one). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = testDatabaseName('t');
  const url = databaseUrl(loadConfig().DATABASE_URL, name);
  const template = process.env[TEMPLATE_ENV];
  if (template) {
    // CREATE DATABASE … TEMPLATE is refused while another session is connected to the
    // template; files start together, so retry briefly.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
        break;
      } catch (error) {
        if (attempt >= 50 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  } else {
    await migrateDatabase(url);
  }
  const database = connectDatabase(url, { max: 20, applicationName: 'p2p-test' });
  return { ...database, url, name };
}

export async function dropTestDatabase(database: TestDatabase): Promise<void> {
  await database.close().catch(() => undefined);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`));
}

/**
 * Use inside a test file: a freshly migrated database for this file, dropped afterwards.
 * Read `.current` inside tests (it is set in beforeAll).
 */
export function useTestDatabase(): { current: TestDatabase } {
  const holder = {} as { current: TestDatabase };
  beforeAll(async () => {
    holder.current = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    if (holder.current) await dropTestDatabase(holder.current);
  });
  return holder;
}

export interface TestRedis {
  redis: Redis;
  prefix: string;
  url: string;
}

/** A Redis connection and a key prefix of this file's own; its keys are deleted afterwards. */
export function useTestRedis(): { current: TestRedis } {
  const holder = {} as { current: TestRedis };
  beforeAll(async () => {
    const url = loadConfig().REDIS_URL;
    const redis = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
    holder.current = { redis, url, prefix: `test:${randomBytes(6).toString('hex')}` };
  });
  afterAll(async () => {
    const { redis, prefix } = holder.current;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  });
  return holder;
}
