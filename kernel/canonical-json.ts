import { createHash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted, bigints written as strings, Dates as ISO strings,
 * undefined fields dropped. Used wherever content is hashed (audit chain, decision records,
 * idempotency request hashes, disclosures), so the same content always hashes the same.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

/**
 * One pass, straight to text (a hot path: every decision hashes its whole record). Same output
 * as JSON.stringify of the value with sorted keys, bigints as strings and Dates as ISO strings;
 * undefined and functions are left out of objects and written as null in arrays, like JSON.
 */
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (write(value[i]) ?? 'null');
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      let first = true;
      for (const key of sortedKeys(record)) {
        const text = write(record[key]);
        if (text === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

/**
 * Keys in the order JSON.stringify gives a plain object built by inserting the sorted keys,
 * which is what hashes have always been computed over: integer-like keys ("2", "10") first in
 * numeric order (JavaScript orders them so whatever the insertion order), then the rest sorted.
 * Object.keys already lists the integer-like keys first, in numeric order.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  let integers = 0;
  while (integers < keys.length && isArrayIndex(keys[integers]!)) integers += 1;
  return integers === 0 ? keys.sort() : keys.slice(0, integers).concat(keys.slice(integers).sort());
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
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
