import { randomBytes } from 'node:crypto';

/** Test database names carry their creation time so stale ones can be swept. */
export function testDatabaseName(kind: 'tpl' | 't'): string {
  return `p2p_${kind}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const TEMPLATE_ENV = 'P2P_TEST_TEMPLATE_DB';
