import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../db/schema';
import { useTestDatabase } from '../db/testing/fixture';
import { SimulatedClock } from '../kernel/clock';
import { registerUser } from './register-user';
import { createSession, resolveSession, revokeSession, SessionCache, sessionCacheOf } from './sessions';

const database = useTestDatabase();

describe('session resolution cache', () => {
  it('serves repeat requests from the cache, and honours logout in this process at once', async () => {
    const clock = new SimulatedClock('2026-03-02T02:00:00Z');
    const deps = { db: database.current.db, clock };
    const { id } = await registerUser(deps, { email: 'cache@example.test', password: 'a-long-password', displayName: 'C', roles: ['borrower', 'investor'] });
    const { token, sessionId } = await createSession(deps, deps.db, id, 'api');
    const first = await resolveSession(deps, token, 'api');
    expect(first).toMatchObject({ id, roles: ['borrower', 'investor'], sessionId, sessionKind: 'api' });
    expect(await resolveSession(deps, token, 'browser')).toBeUndefined(); // kind is part of the key
    // A cache hit does not read the session row: revoking it behind the cache's back (as another
    // process would) is seen only after the TTL…
    await deps.db.update(sessions).set({ revokedAt: clock.now() }).where(eq(sessions.id, sessionId));
    expect(await resolveSession(deps, token, 'api')).toEqual(first);
    await deps.db.update(sessions).set({ revokedAt: null }).where(eq(sessions.id, sessionId));
    // …while a logout in this process is immediate.
    await revokeSession(deps, sessionId);
    expect(await resolveSession(deps, token, 'api')).toBeUndefined();
    expect(sessionCacheOf(deps.db).size).toBe(0);
  });

  it('re-checks expiry against the clock on a hit', async () => {
    const clock = new SimulatedClock('2026-03-02T02:00:00Z');
    const deps = { db: database.current.db, clock };
    const { id } = await registerUser(deps, { email: 'expiry@example.test', password: 'a-long-password', displayName: 'E', roles: ['borrower'] });
    const { token, expiresAt } = await createSession(deps, deps.db, id, 'browser');
    expect(await resolveSession(deps, token, 'browser')).toBeDefined();
    clock.set(new Date(expiresAt.getTime() + 1));
    expect(await resolveSession(deps, token, 'browser')).toBeUndefined();
  });

  it('expires entries after the TTL, stays bounded, and does not re-cache a session revoked meanwhile', () => {
    let t = 0;
    const cache = new SessionCache(1_000, 2, () => t);
    const user = (n: number) => ({ id: `usr_${n}`, email: 'x', displayName: 'x', roles: [], sessionId: `ses_${n}`, sessionKind: 'api' as const, csrfToken: null });
    cache.set('a', user(1), 10_000);
    t = 1_001;
    expect(cache.get('a', 0)).toBeUndefined();
    cache.set('a', user(1), 10_000);
    cache.set('b', user(2), 10_000);
    cache.set('c', user(3), 10_000);
    expect(cache.size).toBe(2);
    expect(cache.get('a', 0)).toBeUndefined();
    cache.invalidateSession('ses_3');
    expect(cache.get('c', 0)).toBeUndefined();
    cache.set('c', user(3), 10_000); // a lookup that raced the logout
    expect(cache.get('c', 0)).toBeUndefined();
  });
});
