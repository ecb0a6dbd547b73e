import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('config', () => {
  it('has working defaults for development', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/p2p');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });
  it('refuses development secrets in production, naming each one', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      parseConfig({ NODE_ENV: 'production' });
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toMatch(/SESSION_SECRET/);
      expect((error as ConfigError).problems.join('\n')).toMatch(/FIELD_ENCRYPTION_KEYS/);
    }
  });
  it('names a bad setting', () => {
    expect(() => parseConfig({ REDIS_URL: 'http://nope' })).toThrow(/REDIS_URL/);
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });
});

describe('toAppError', () => {
  it('maps a zod failure inside a use case to VALIDATION naming the field, anything else to INTERNAL', async () => {
    const { z } = await import('zod');
    const { toAppError } = await import('./errors');
    const parsed = z.object({ code: z.string().length(8) }).safeParse({ code: 'x' });
    const mapped = toAppError(parsed.error);
    expect(mapped.code).toBe('VALIDATION');
    expect(mapped.httpStatus).toBe(400);
    expect(mapped.message).toMatch(/code/);
    expect(toAppError(new Error('boom')).code).toBe('INTERNAL');
  });
});
