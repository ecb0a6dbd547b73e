import { Redis, type RedisOptions } from 'ioredis';

/**
 * Workers block on Redis and must never give up a command (BullMQ requires
 * maxRetriesPerRequest: null); producers run inside requests and must fail fast instead.
 */
export function workerConnection(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: false });
  redis.on('error', () => undefined);
  return redis;
}

export function producerConnection(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, ...options });
  redis.on('error', () => undefined);
  return redis;
}
