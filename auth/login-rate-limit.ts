import type { CoreDeps } from '../db/core-deps';
import { AppError } from '../kernel/errors';

/**
 * Fixed-window counter of failed logins per account and per client address in Redis.
 * Counting failures (not attempts) means a user who types the right password is never
 * locked out by their own successful logins.
 */
function keys(deps: Pick<CoreDeps, 'redisPrefix'>, email: string, ip: string): string[] {
  return [`${deps.redisPrefix}:login-fail:email:${email.toLowerCase()}`, `${deps.redisPrefix}:login-fail:ip:${ip}`];
}

export async function assertLoginAllowed(deps: Pick<CoreDeps, 'redis' | 'redisPrefix' | 'config'>, email: string, ip: string): Promise<void> {
  const counts = await deps.redis.mget(...keys(deps, email, ip));
  const [byEmail, byIp] = counts.map((c) => Number(c ?? 0));
  // The per-address limit is wider: many people can share one address.
  if ((byEmail ?? 0) >= deps.config.LOGIN_MAX_ATTEMPTS || (byIp ?? 0) >= deps.config.LOGIN_MAX_ATTEMPTS * 10) {
    const ttl = await deps.redis.ttl(keys(deps, email, ip)[0]!);
    throw new AppError('RATE_LIMITED', `too many failed sign-in attempts; try again in ${Math.max(ttl, 1)} seconds`, { retryAfterSeconds: Math.max(ttl, 1) });
  }
}

export async function recordLoginFailure(deps: Pick<CoreDeps, 'redis' | 'redisPrefix' | 'config'>, email: string, ip: string): Promise<void> {
  const multi = deps.redis.multi();
  for (const key of keys(deps, email, ip)) {
    multi.incr(key);
    multi.expire(key, deps.config.LOGIN_WINDOW_SECONDS, 'NX');
  }
  await multi.exec();
}

export async function clearLoginFailures(deps: Pick<CoreDeps, 'redis' | 'redisPrefix'>, email: string): Promise<void> {
  await deps.redis.del(`${deps.redisPrefix}:login-fail:email:${email.toLowerCase()}`);
}
