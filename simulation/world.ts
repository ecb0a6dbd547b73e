import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { hashPassword } from '../auth/password';
import { registerUser } from '../auth/register-user';
import { createSession } from '../auth/sessions';
import type { Database } from '../db/client';
import type { Role } from '../db/schema';
import { createApiDeps, type ApiDeps } from '../dashboard/api/api-deps';
import { allRoutes } from '../dashboard/api/all-routes';
import { createApiApp } from '../dashboard/api/create-api-app';
import { provideDecisionRuntime } from '../dashboard/api/routes/applications';
import { buildProcessors, type WorkerDeps } from '../jobs/processors';
import type { ProcessorSpec } from '../jobs/start-workers';
import type { QueueName } from '../jobs/queue-registry';
import { sha256Hex } from '../kernel/canonical-json';
import { parseConfig } from '../kernel/config';
import { SimulatedClock } from '../kernel/clock';
import { SimulatedCustodianBank } from '../ledger';
import { bootstrapPlatform } from '../dashboard/api/bootstrap-platform';
import { createDecisionRuntime } from '../decision-engine/decision-runtime';
import { PopulationCreditBureau } from './population-bureau';

/**
 * The simulated platform: the real API app called in-process, the real job processors run
 * inline on the simulated clock, one database and one Redis prefix.
 */
export interface World {
  deps: ApiDeps;
  clock: SimulatedClock;
  workerDeps: WorkerDeps;
  processors: Partial<Record<QueueName, ProcessorSpec>>;
  /** The world's credit bureau, told about each simulated person as they arrive. */
  bureau: PopulationCreditBureau;
  api<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; idempotencyKey?: string; expect?: number[] }): Promise<{ status: number; body: T }>;
  /** A platform user with a bearer token (the password hash is computed once per world). */
  createUser(input: { email: string; displayName: string; roles: Role[]; password?: string }): Promise<{ id: string; token: string }>;
  /** Observation only: told the wall time of every API call, by route (ids blanked). */
  onApiCall?: (route: string, ms: number) => void;
  close(): Promise<void>;
}

export class ApiCallError extends Error {
  constructor(readonly status: number, readonly body: unknown, what: string) {
    super(`${what} → ${status} ${JSON.stringify(body).slice(0, 400)}`);
  }
}

export async function createWorld(options: { start: string; database: Database; redis: Redis; redisPrefix: string; password?: string }): Promise<World> {
  const clock = new SimulatedClock(options.start);
  const config = parseConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV === 'production' ? 'production' : 'development' });
  const deps = createApiDeps(config, { database: options.database, redis: options.redis, redisPrefix: options.redisPrefix, clock });
  const bureau = new PopulationCreditBureau((id) => deps.fieldEncryption.blindIndex(id));
  // The API's decision runtime asks this world's bureau.
  provideDecisionRuntime(deps, createDecisionRuntime({ bureau }));
  const app = createApiApp(deps, allRoutes);
  const bank = new SimulatedCustodianBank({ db: deps.db, clock });
  const workerDeps: WorkerDeps = { db: deps.db, clock, bank, signingSeed: config.CONTRACT_SIGNING_SEED };
  const processors = buildProcessors(workerDeps);
  await bootstrapPlatform(workerDeps);
  const password = options.password ?? `sim-${randomBytes(6).toString('hex')}`;
  const passwordHash = await hashPassword(password);

  // Tokens expire (30 days of simulated time); a simulated user signs in again, like a person would.
  const userOfToken = new Map<string, string>();
  const currentToken = new Map<string, string>();
  const signIn = async (userId: string) => {
    const session = await createSession(deps, deps.db, userId, 'api');
    currentToken.set(userId, session.token);
    userOfToken.set(session.token, userId);
    return session.token;
  };

  const api: World['api'] = async (method, path, callOptions = {}) => {
    const started = performance.now();
    const userId = callOptions.token ? userOfToken.get(callOptions.token) : undefined;
    const token = userId ? currentToken.get(userId) : callOptions.token;
    try {
      const first = await send(method, path, { ...callOptions, token });
      if (first.status === 401 && userId) return await send(method, path, { ...callOptions, token: await signIn(userId) });
      return first;
    } finally {
      world.onApiCall?.(`${method} ${path.replace(/\/[a-z_]+_[0-9A-Z]{26}\b/g, '/:id').replace(/\?.*$/, '')}`, performance.now() - started);
    }
  };

  const send: World['api'] = async (method, path, callOptions = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': '100.64.0.1' };
    if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
    // Like a careful client, every write carries an idempotency key: given, or derived from the request.
    if (method !== 'GET') headers['idempotency-key'] = callOptions.idempotencyKey ?? `sim-${sha256Hex(`${callOptions.token}|${method}|${path}|${JSON.stringify(callOptions.body ?? null)}`).slice(0, 40)}`;
    const body = method === 'GET' || callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body);
    const response = await app.request(`http://sim.local${path}`, { method, headers, body });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : null;
    const expected = callOptions.expect ?? [200, 201, 204];
    if (response.status === 401 && !callOptions.expect?.includes(401)) return { status: 401, body: parsed };
    if (!expected.includes(response.status)) throw new ApiCallError(response.status, parsed, `${method} ${path}`);
    return { status: response.status, body: parsed };
  };

  const createUser: World['createUser'] = async (input) => {
    const { id } = await registerUser(deps, { ...input, password: input.password ?? password, precomputedPasswordHash: input.password ? undefined : passwordHash });
    return { id, token: await signIn(id) };
  };

  const world: World = { deps, clock, workerDeps, processors, bureau, api, createUser, close: () => deps.close() };
  return world;
}
