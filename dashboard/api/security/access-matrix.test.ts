import { describe, expect, it } from 'vitest';
import { allRoutes } from '../all-routes';
import { useTestApi } from '../testing';
import { databaseFingerprint } from './db-fingerprint';
import { concretePath, isAllowed, PERSONAS, type Persona } from './personas';

const api = useTestApi();

describe('access matrix: every route × role', () => {
  it('refuses every forbidden cell with 401/403 and writes nothing', async () => {
    const { call, userWithRoles, deps } = api.current;
    const tokens: Partial<Record<Persona, string>> = {};
    for (const persona of PERSONAS) {
      if (persona !== 'anonymous') tokens[persona] = (await userWithRoles([persona], `matrix-${persona}`)).token;
    }
    const before = await databaseFingerprint(deps.db);
    let forbiddenCells = 0;
    const leaks: string[] = [];
    for (const route of allRoutes) {
      for (const persona of PERSONAS) {
        if (isAllowed(route, persona)) continue;
        forbiddenCells += 1;
        const res = await call(route.method, concretePath(route, 'usr_someone_else'), { token: tokens[persona], body: {}, headers: { 'idempotency-key': `matrix-${persona}-key` } });
        const expected = persona === 'anonymous' ? 401 : 403;
        if (res.status !== expected) leaks.push(`${route.method} ${route.path} as ${persona} → ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(forbiddenCells).toBeGreaterThan(0);
    expect(await databaseFingerprint(deps.db)).toEqual(before);
  });

  it('declares access for every route, and every staff-only route names its roles', () => {
    for (const route of allRoutes) {
      expect(route.access, `${route.method} ${route.path}`).toBeDefined();
      if (route.path.includes('/admin/')) expect(route.access).toEqual(['admin']);
    }
  });
});
