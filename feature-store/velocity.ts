import type { Redis } from 'ioredis';

/**
 * Velocity counters in Redis: one sorted set per (key kind, key value) whose members are
 * application references scored by submission time (ms). Recording the same reference twice
 * (a retried request) does not count twice. Windows: 1 h, 24 h, 30 d. Distinct identities per
 * device / phone: a sorted set of ID blind indexes scored by last-seen time.
 * All of it — recording, counting, blocklist checks — is one pipeline (one round trip).
 */
const WINDOWS_MS = { '1h': 3_600_000, '24h': 86_400_000, '30d': 30 * 86_400_000 } as const;
const RETENTION_MS = WINDOWS_MS['30d'];
export const VELOCITY_KINDS = ['device', 'ip', 'phone', 'id'] as const;
export type VelocityKind = (typeof VELOCITY_KINDS)[number];
export type BlocklistKind = 'id' | 'phone' | 'device';

export interface VelocityKeys {
  /** Blind-indexed (never clear) values of each key kind. */
  device: string;
  ip: string;
  phone: string;
  id: string;
}

export interface VelocityReading {
  counts: Record<`${VelocityKind}_applications_${keyof typeof WINDOWS_MS}`, number>;
  deviceDistinctIds30d: number;
  phoneDistinctIds30d: number;
  blocklisted: Record<BlocklistKind, boolean>;
}

export function blocklistKey(prefix: string, kind: BlocklistKind): string {
  return `${prefix}:blocklist:${kind}`;
}

export async function addToBlocklist(redis: Redis, prefix: string, kind: BlocklistKind, blindIndex: string): Promise<void> {
  await redis.sadd(blocklistKey(prefix, kind), blindIndex);
}

export async function recordAndReadVelocity(redis: Redis, prefix: string, keys: VelocityKeys, applicationRef: string, atMs: number): Promise<VelocityReading> {
  const p = redis.pipeline();
  for (const kind of VELOCITY_KINDS) {
    const key = `${prefix}:vel:${kind}:${keys[kind]}`;
    p.zadd(key, 'NX', atMs, applicationRef);
    p.zremrangebyscore(key, '-inf', atMs - RETENTION_MS);
    for (const windowMs of Object.values(WINDOWS_MS)) p.zcount(key, atMs - windowMs + 1, '+inf');
    p.pexpire(key, RETENTION_MS + 86_400_000);
  }
  for (const [kind, value] of [['device', keys.device], ['phone', keys.phone]] as const) {
    const key = `${prefix}:vel:${kind}-ids:${value}`;
    p.zadd(key, atMs, keys.id);
    p.zcount(key, atMs - RETENTION_MS + 1, '+inf');
    p.pexpire(key, RETENTION_MS + 86_400_000);
  }
  p.sismember(blocklistKey(prefix, 'id'), keys.id);
  p.sismember(blocklistKey(prefix, 'phone'), keys.phone);
  p.sismember(blocklistKey(prefix, 'device'), keys.device);
  const replies = (await p.exec()) ?? [];
  const values = replies.map(([error, value]) => {
    if (error) throw error;
    return Number(value);
  });
  let i = 0;
  const counts = {} as VelocityReading['counts'];
  for (const kind of VELOCITY_KINDS) {
    i += 2;
    for (const w of Object.keys(WINDOWS_MS) as Array<keyof typeof WINDOWS_MS>) counts[`${kind}_applications_${w}`] = values[i++]!;
    i += 1;
  }
  const deviceDistinctIds30d = values[i + 1]!;
  const phoneDistinctIds30d = values[i + 4]!;
  i += 6;
  return { counts, deviceDistinctIds30d, phoneDistinctIds30d, blocklisted: { id: values[i] === 1, phone: values[i + 1] === 1, device: values[i + 2] === 1 } };
}
