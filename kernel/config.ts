import { z } from 'zod';

/**
 * The one configuration module. Every setting is read from the environment once, checked
 * with zod, and start-up stops with a message naming each missing or bad setting.
 * Development secrets have defaults so `npm start` works on a fresh machine; they are
 * refused when NODE_ENV=production.
 */
const DEV_SECRET_PREFIX = 'dev-only-';

const DEV_DEFAULTS = {
  SESSION_SECRET: `${DEV_SECRET_PREFIX}session-secret-change-me-0123456789`,
  // 32-byte keys, base64. Key versions let old ciphertexts be read after rotation.
  FIELD_ENCRYPTION_KEYS: `1:${Buffer.from(`${DEV_SECRET_PREFIX}field-key-v1-32-bytes!!`.padEnd(32, '!').slice(0, 32)).toString('base64')}`,
  BLIND_INDEX_KEY: `${DEV_SECRET_PREFIX}blind-index-key-0123456789abcdef`,
  CONTRACT_SIGNING_SEED: Buffer.from(`${DEV_SECRET_PREFIX}ed25519-seed-32b`.padEnd(32, '#').slice(0, 32)).toString('base64'),
};

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/p2p'),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().min(1).default('p2p'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    API_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    SESSION_SECRET: z.string().min(32).default(DEV_DEFAULTS.SESSION_SECRET),
    FIELD_ENCRYPTION_KEYS: z
      .string()
      .regex(/^\d+:[A-Za-z0-9+/=]+(,\d+:[A-Za-z0-9+/=]+)*$/, 'must be "version:base64key[,version:base64key…]"')
      .default(DEV_DEFAULTS.FIELD_ENCRYPTION_KEYS),
    BLIND_INDEX_KEY: z.string().min(32).default(DEV_DEFAULTS.BLIND_INDEX_KEY),
    CONTRACT_SIGNING_SEED: z.string().min(40).default(DEV_DEFAULTS.CONTRACT_SIGNING_SEED),
    LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    /** Decision compute threads beside the API's event loop (0 = compute inline). */
    DECISION_COMPUTE_THREADS: z.coerce.number().int().min(0).max(16).default(1),
    SIMULATED_CUSTODIAN: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV !== 'production') return;
    for (const key of ['SESSION_SECRET', 'FIELD_ENCRYPTION_KEYS', 'BLIND_INDEX_KEY', 'CONTRACT_SIGNING_SEED'] as const) {
      const value = config[key];
      if (value === DEV_DEFAULTS[key] || value.includes(DEV_SECRET_PREFIX) || value.includes(Buffer.from(DEV_SECRET_PREFIX).toString('base64').slice(0, 8))) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a development secret is refused when NODE_ENV=production; set a real one' });
      }
    }
  });

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  // Empty strings count as "not set", so `FOO= npm start` falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return result.data;
}

let cached: AppConfig | undefined;

/** The process's configuration, read from process.env on first use. */
export function loadConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
