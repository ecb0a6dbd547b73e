import { Redis } from 'ioredis';
import { connectDatabase, type Database } from '../../db/client';
import type { CoreDeps } from '../../db/core-deps';
import { FieldEncryption } from '../../auth/field-encryption';
import type { AppConfig } from '../../kernel/config';
import { systemClock, type Clock } from '../../kernel/clock';

/**
 * Everything route handlers reach through. Domain services that need more than the core
 * (custodian, model scorers…) are built lazily from it by their route modules, memoised per deps.
 */
export interface ApiDeps extends CoreDeps {
  fieldEncryption: FieldEncryption;
  /** Per-deps memo for lazily built services: `service(deps, 'name', () => build())`. */
  services: Map<string, unknown>;
  close(): Promise<void>;
}

export function service<T>(deps: ApiDeps, name: string, build: () => T): T {
  if (!deps.services.has(name)) deps.services.set(name, build());
  return deps.services.get(name) as T;
}

export function createApiDeps(
  config: AppConfig,
  overrides: { database?: Database; redis?: Redis; redisPrefix?: string; clock?: Clock } = {},
): ApiDeps {
  const database = overrides.database ?? connectDatabase(config.DATABASE_URL, { max: 20, applicationName: 'p2p-web' });
  // Producers fail fast rather than hanging a request while Redis is away.
  const redis = overrides.redis ?? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  redis.on('error', () => undefined);
  const deps: ApiDeps = {
    db: database.db,
    redis,
    redisPrefix: overrides.redisPrefix ?? config.REDIS_PREFIX,
    clock: overrides.clock ?? systemClock,
    config,
    fieldEncryption: new FieldEncryption(config.FIELD_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY),
    services: new Map(),
    close: async () => {
      // Services may be promises (built asynchronously); buffered writes are flushed before the pool closes.
      for (const svc of deps.services.values()) {
        const resolved = (await Promise.resolve(svc).catch(() => undefined)) as { close?: () => Promise<void> | void; flushShadowScores?: () => Promise<void> } | undefined;
        if (typeof resolved?.flushShadowScores === 'function') await resolved.flushShadowScores().catch(() => undefined);
        if (typeof resolved?.close === 'function') await resolved.close();
      }
      if (!overrides.redis) redis.disconnect();
      if (!overrides.database) await database.close();
    },
  };
  return deps;
}
