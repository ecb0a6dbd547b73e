import type { Redis } from 'ioredis';

/**
 * Velocity counters in Redis: one sorted set per (key kind, key value) whose members are
 * application references scored by submission time (ms). Recording the same reference twice
 * (a retried request) does not count twice. Windows: 1 h, 24 h, 30 d. Distinct identities per
 * device / phone: a sorted set of ID blind indexes scored by last-seen time.
 * All of it — recording, counting, blocklist checks — is one script (one round trip).
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

/**
 * Every write and read of one application's velocity, as ONE Lua script (run atomically by
 * Redis): 27 pipelined commands cost the API more CPU in the client than the decision's rules.
 * KEYS: the four per-kind application sets, the identities-per-device and per-phone sets, the
 * three blocklists. ARGV: time (ms), application reference, retention, TTL, ID blind index,
 * the three blocklist members, the three windows (ms). Returns the 12 window counts (kind-major),
 * the two distinct-identity counts and the three blocklist flags.
 */
const VELOCITY_LUA = `
local at = tonumber(ARGV[1])
local retention = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local out = {}
for k = 1, 4 do
  redis.call('ZADD', KEYS[k], 'NX', at, ARGV[2])
  redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', at - retention)
  for w = 9, 11 do out[#out + 1] = redis.call('ZCOUNT', KEYS[k], at - tonumber(ARGV[w]) + 1, '+inf') end
  redis.call('PEXPIRE', KEYS[k], ttl)
end
for k = 5, 6 do
  redis.call('ZADD', KEYS[k], at, ARGV[5])
  out[#out + 1] = redis.call('ZCOUNT', KEYS[k], at - retention + 1, '+inf')
  redis.call('PEXPIRE', KEYS[k], ttl)
end
for k = 7, 9 do out[#out + 1] = redis.call('SISMEMBER', KEYS[k], ARGV[k - 1]) end
return out`;

type VelocityCommand = (...args: Array<string | number>) => Promise<number[]>;
const withScript = new WeakSet<Redis>();

function velocityCommand(redis: Redis): VelocityCommand {
  // defineCommand sends EVALSHA and falls back to EVAL when Redis lost its script cache (restart).
  if (!withScript.has(redis)) {
    redis.defineCommand('p2pRecordVelocity', { numberOfKeys: 9, lua: VELOCITY_LUA });
    withScript.add(redis);
  }
  return (redis as unknown as { p2pRecordVelocity: VelocityCommand }).p2pRecordVelocity.bind(redis);
}

export async function recordAndReadVelocity(redis: Redis, prefix: string, keys: VelocityKeys, applicationRef: string, atMs: number): Promise<VelocityReading> {
  const windows = Object.keys(WINDOWS_MS) as Array<keyof typeof WINDOWS_MS>;
  const values = await velocityCommand(redis)(
    ...VELOCITY_KINDS.map((kind) => `${prefix}:vel:${kind}:${keys[kind]}`),
    `${prefix}:vel:device-ids:${keys.device}`,
    `${prefix}:vel:phone-ids:${keys.phone}`,
    blocklistKey(prefix, 'id'),
    blocklistKey(prefix, 'phone'),
    blocklistKey(prefix, 'device'),
    atMs,
    applicationRef,
    RETENTION_MS,
    RETENTION_MS + 86_400_000,
    keys.id,
    keys.id,
    keys.phone,
    keys.device,
    ...windows.map((w) => WINDOWS_MS[w]),
  );
  let i = 0;
  const counts = {} as VelocityReading['counts'];
  for (const kind of VELOCITY_KINDS) for (const w of windows) counts[`${kind}_applications_${w}`] = Number(values[i++]);
  const [deviceDistinctIds30d, phoneDistinctIds30d, id, phone, device] = values.slice(i).map(Number);
  return { counts, deviceDistinctIds30d: deviceDistinctIds30d!, phoneDistinctIds30d: phoneDistinctIds30d!, blocklisted: { id: id === 1, phone: phone === 1, device: device === 1 } };
}
