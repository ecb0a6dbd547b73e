import { describe, expect, it } from 'vitest';
import { allRoutes } from '../all-routes';
import { useTestApi } from '../testing';
import { databaseFingerprint } from './db-fingerprint';
import { fuzzCasesFor } from './fuzz-requests';

const api = useTestApi();
const TOTAL_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

describe('fuzzing every write route from its schema', () => {
  it(`sends ${TOTAL_REQUESTS} bad and edge-case requests: no 5xx, refused requests write nothing`, async () => {
    const { call, userWithRoles, deps } = api.current;
    // One user holding every role gets past every guard, so validation itself is exercised.
    const { token } = await userWithRoles(['borrower', 'investor', 'analyst', 'admin'], 'fuzzer');
    const targets = allRoutes.filter((r) => r.method !== 'GET' && (r.body || r.path.includes(':')) && r.path !== '/api/v1/auth/logout');
    const perRoute = Math.ceil(TOTAL_REQUESTS / Math.max(targets.length, 1));
    const serverErrors: string[] = [];
    const writesOnRefusal: string[] = [];
    let sent = 0;
    let accepted = 0;
    for (const [index, route] of targets.entries()) {
      const before = await databaseFingerprint(deps.db);
      let anyAccepted = false;
      for (const fuzz of fuzzCasesFor(route, perRoute, SEED + index)) {
        const res = await call(route.method, fuzz.path, { token, rawBody: fuzz.rawBody, headers: fuzz.headers });
        sent += 1;
        if (res.status >= 500) serverErrors.push(`${route.method} ${route.path} [${fuzz.label}] → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (res.status < 400) {
          anyAccepted = true;
          accepted += 1;
        }
      }
      if (!anyAccepted) {
        const after = await databaseFingerprint(deps.db);
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (changed.length > 0) writesOnRefusal.push(`${route.method} ${route.path} changed ${changed.join(', ')}`);
      }
    }
    console.log(JSON.stringify({ fuzz: { routes: targets.length, requests: sent, accepted, serverErrors: serverErrors.length, writesOnRefusal: writesOnRefusal.length, seed: SEED } }));
    expect(sent).toBeGreaterThanOrEqual(TOTAL_REQUESTS);
    expect(serverErrors.slice(0, 20)).toEqual([]);
    expect(writesOnRefusal).toEqual([]);
  }, 600_000);
});
