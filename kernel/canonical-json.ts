import { createHash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted, bigints written as strings, Dates as ISO strings,
 * undefined fields dropped. Used wherever content is hashed (audit chain, decision records,
 * idempotency request hashes, disclosures), so the same content always hashes the same.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalise(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hashCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** JSON.stringify replacer turning bigints into strings, for API responses. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** The value as JSON would carry it (bigints as strings): what jsonb stores and BullMQ returns. */
export function toJsonValue<T = unknown>(value: unknown): T {
  return JSON.parse(JSON.stringify(value, jsonReplacer)) as T;
}
