import type { Redis } from 'ioredis';
import type { AppConfig } from '../kernel/config';
import type { Clock } from '../kernel/clock';
import type { Db } from './client';

/**
 * What every use case may need from the outside world. Use cases take a `Pick<CoreDeps, …>`
 * of exactly what they use, so tests pass only that.
 */
export interface CoreDeps {
  db: Db;
  redis: Redis;
  /** Every Redis key this process writes starts with this prefix (tests get their own). */
  redisPrefix: string;
  clock: Clock;
  config: AppConfig;
}
