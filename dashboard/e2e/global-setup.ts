import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { createTestDatabase, dropTestDatabase } from '../../db/testing/fixture';
import { buildNextIfStale, deleteRedisKeys, ensureChromium, startApi, startNext } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
    databaseUrl: string;
  }
}

/**
 * One stack for the browser test run: a fresh, migrated database; the API process on a free
 * port; the Next production build (rebuilt only when stale) served on another free port.
 * Test files share it and keep out of each other's way by creating their own users.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureChromium();
  buildNextIfStale();
  const database = await createTestDatabase();
  const redisPrefix = `e2e:${randomBytes(5).toString('hex')}`;
  const api = await startApi({ databaseUrl: database.url, redisPrefix });
  let web;
  try {
    web = await startNext({ apiUrl: api.url });
  } catch (error) {
    await api.stop();
    await dropTestDatabase(database);
    await deleteRedisKeys(redisPrefix);
    throw error;
  }
  project.provide('webUrl', web.url);
  project.provide('apiUrl', api.url);
  project.provide('databaseUrl', database.url);
  return async () => {
    await web.stop();
    await api.stop();
    if (process.env.E2E_KEEP_OUTPUT === '1') console.error(api.output(), web.output());
    // An internal error is never expected: show it (with its stack) so a failing run says why.
    else if (api.output().includes('[api] internal error')) console.error(`[e2e] the API logged internal errors:\n${api.output().slice(-20_000)}`);
    await dropTestDatabase(database);
    await deleteRedisKeys(redisPrefix);
  };
}
