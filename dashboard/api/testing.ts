import { randomBytes } from 'node:crypto';
import { beforeAll, afterAll } from 'vitest';
import { registerUser } from '../../auth/register-user';
import type { Role } from '../../db/schema';
import { useTestDatabase, useTestRedis } from '../../db/testing/fixture';
import { parseConfig } from '../../kernel/config';
import { SimulatedClock } from '../../kernel/clock';
import { createApiDeps, type ApiDeps } from './api-deps';
import { allRoutes } from './all-routes';
import { createApiApp } from './create-api-app';
import { bootstrapPlatform } from './bootstrap-platform';
import { SimulatedCustodianBank } from '../../ledger';

export interface CallOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  rawBody?: string;
}

export interface TestApi {
  deps: ApiDeps;
  clock: SimulatedClock;
  call(method: string, path: string, options?: CallOptions): Promise<{ status: number; body: any; headers: Headers }>;
  /** Registers a user with the given roles (staff roles too) and returns a bearer token. */
  userWithRoles(roles: Role[], label?: string): Promise<{ id: string; token: string; email: string }>;
}

/** A real API app over this test file's own database and Redis prefix, called in-process. */
export function useTestApi(start = '2026-03-02T02:00:00Z'): { current: TestApi } {
  const database = useTestDatabase();
  const redis = useTestRedis();
  const holder = {} as { current: TestApi };
  beforeAll(async () => {
    const clock = new SimulatedClock(start);
    const deps = createApiDeps(parseConfig({ ...process.env, NODE_ENV: 'test' }), {
      database: database.current,
      redis: redis.current.redis,
      redisPrefix: redis.current.prefix,
      clock,
    });
    await bootstrapPlatform({ db: deps.db, clock, bank: new SimulatedCustodianBank({ db: deps.db, clock }) });
    const app = createApiApp(deps, allRoutes);
    const call: TestApi['call'] = async (method, path, options = {}) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const body = method === 'GET' || method === 'HEAD' ? undefined : (options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)));
      const response = await app.request(`http://test.local${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON: keep text */
      }
      return { status: response.status, body: parsed, headers: response.headers };
    };
    const userWithRoles: TestApi['userWithRoles'] = async (roles, label = roles.join('-')) => {
      const email = `${label}-${randomBytes(5).toString('hex')}@example.test`;
      const password = 'correct-horse-battery';
      const { id } = await registerUser(deps, { email, password, displayName: label, roles });
      const res = await call('POST', '/api/v1/auth/login', { body: { email, password, client: 'api' } });
      if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
      return { id, token: res.body.token as string, email };
    };
    holder.current = { deps, clock, call, userWithRoles };
  });
  afterAll(async () => {
    await holder.current?.deps.close();
  });
  return holder;
}
