import { describe, expect, it } from 'vitest';
import { useTestApi } from '../testing';

const api = useTestApi();

describe('auth API', () => {
  it('registers, signs in with a bearer token, and signs out', async () => {
    const { call } = api.current;
    const reg = await call('POST', '/api/v1/auth/register', { body: { email: 'li.lei@example.test', password: 'a-long-password', displayName: 'Li Lei', roles: ['borrower'] } });
    expect(reg.status).toBe(201);
    const dup = await call('POST', '/api/v1/auth/register', { body: { email: 'LI.LEI@example.test', password: 'a-long-password', displayName: 'x', roles: ['borrower'] } });
    expect(dup.status).toBe(409);
    const login = await call('POST', '/api/v1/auth/login', { body: { email: 'li.lei@example.test', password: 'a-long-password' } });
    expect(login.status).toBe(200);
    const me = await call('GET', '/api/v1/me', { token: login.body.token });
    expect(me.body).toMatchObject({ email: 'li.lei@example.test', roles: ['borrower'] });
    expect((await call('POST', '/api/v1/auth/logout', { token: login.body.token })).status).toBe(204);
    expect((await call('GET', '/api/v1/me', { token: login.body.token })).status).toBe(401);
  });

  it('refuses self sign-up as staff and names bad fields', async () => {
    const res = await api.current.call('POST', '/api/v1/auth/register', { body: { email: 'x@example.test', password: 'a-long-password', displayName: 'X', roles: ['admin'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/roles/);
    const short = await api.current.call('POST', '/api/v1/auth/register', { body: { email: 'not-an-email', password: 'short', displayName: 'X', roles: ['borrower'] } });
    expect(short.status).toBe(400);
    expect(short.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('rate-limits failed logins per account', async () => {
    const { call, userWithRoles } = api.current;
    const user = await userWithRoles(['investor'], 'ratelimit');
    for (let i = 0; i < 5; i += 1) {
      expect((await call('POST', '/api/v1/auth/login', { body: { email: user.email, password: 'wrong-password!' } })).status).toBe(401);
    }
    const blocked = await call('POST', '/api/v1/auth/login', { body: { email: user.email, password: 'correct-horse-battery' } });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
  });

  it('requires the CSRF header for cookie sessions on unsafe methods', async () => {
    const { call, userWithRoles } = api.current;
    const user = await userWithRoles(['borrower'], 'csrf');
    const login = await call('POST', '/api/v1/auth/login', { body: { email: user.email, password: 'correct-horse-battery', client: 'browser' } });
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/p2p_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const session = /p2p_session=([^;]+)/.exec(setCookie)![1]!;
    const cookie = `p2p_session=${session}`;
    expect((await call('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);
    expect((await call('POST', '/api/v1/auth/logout', { headers: { cookie } })).status).toBe(403);
    expect((await call('POST', '/api/v1/auth/logout', { headers: { cookie, 'x-csrf-token': 'wrong' } })).status).toBe(403);
    expect((await call('POST', '/api/v1/auth/logout', { headers: { cookie, 'x-csrf-token': login.body.csrfToken } })).status).toBe(204);
  });
});

describe('role guards and cross-user access', () => {
  it('refuses each non-admin role on admin routes and lets admins in', async () => {
    const { call, userWithRoles } = api.current;
    for (const role of ['borrower', 'investor', 'analyst'] as const) {
      const user = await userWithRoles([role]);
      expect((await call('GET', '/api/v1/admin/users', { token: user.token })).status).toBe(403);
      expect((await call('POST', `/api/v1/admin/users/${user.id}/roles`, { token: user.token, body: { role: 'admin' } })).status).toBe(403);
    }
    expect((await call('GET', '/api/v1/admin/users')).status).toBe(401);
    const admin = await userWithRoles(['admin']);
    expect((await call('GET', '/api/v1/admin/users', { token: admin.token })).status).toBe(200);
    expect((await call('GET', '/api/v1/admin/audit/verify', { token: admin.token })).body.ok).toBe(true);
  });

  it('never lets a user read another user', async () => {
    const { call, userWithRoles } = api.current;
    const alice = await userWithRoles(['borrower'], 'alice');
    const bob = await userWithRoles(['borrower'], 'bob');
    expect((await call('GET', `/api/v1/users/${alice.id}`, { token: alice.token })).status).toBe(200);
    expect((await call('GET', `/api/v1/users/${alice.id}`, { token: bob.token })).status).toBe(404);
  });

  it('serves an OpenAPI document listing every route', async () => {
    const res = await api.current.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users/{id}', '/api/health']));
    expect(res.body.paths['/api/v1/auth/register'].post.requestBody.content['application/json'].schema.properties.email).toBeTruthy();
  });

  it('reports health of both dependencies', async () => {
    const res = await api.current.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, redis: { ok: true } });
  });
});
