import { sql } from 'drizzle-orm';
import { defineRoute } from '../define-route';

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<{ ok: boolean; error?: string; latencyMs: number }> {
  const started = performance.now();
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), latencyMs: Math.round(performance.now() - started) };
  }
}

export const healthRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness and dependency status (PostgreSQL, Redis)',
    tag: 'platform',
    access: 'public',
    handler: async ({ deps }) => {
      const [database, redis] = await Promise.all([
        probe(() => deps.db.execute(sql`select 1`), 2_000),
        probe(() => deps.redis.ping(), 2_000),
      ]);
      const ok = database.ok && redis.ok;
      const missing = [!database.ok && `PostgreSQL (${deps.config.DATABASE_URL.replace(/\/\/[^@]*@/, '//')}): ${database.error}`, !redis.ok && `Redis (${deps.config.REDIS_URL}): ${redis.error}`].filter(Boolean);
      return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', database, redis, missing, time: deps.clock.now().toISOString() } };
    },
  }),
];
