import { createHash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted, bigints written as strings, Dates as ISO strings,
 * undefined fields dropped. Used wherever content is hashed (audit chain, decision records,
 * idempotency request hashes, disclosures), so the same content always hashes the same.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? (JSON.stringify(normalise(value)) as string);
}

/**
 * canonicalJson written directly as text, without building the sorted copy first: hashing the
 * decision records (several kilobytes of features and rule results each) was about 7% of the
 * API's CPU per decision, most of it that copy and its garbage. The output is exactly
 * JSON.stringify(normalise(value)), which is what every stored hash was computed from (the
 * property test compares the two): an object whose keys JavaScript itself would reorder or
 * treat specially (a leading digit, "__proto__", "toJSON") takes that reference path.
 * Returns undefined for what JSON omits (undefined, functions, symbols).
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
      return `"${value}"`;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  // Already in canonical order: V8's native JSON.stringify writes exactly the same text, several times faster.
  if (isJsonReady(value, 0)) return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += `${i > 0 ? ',' : ''}${write(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  if (keys.some(isSpecialKey)) return JSON.stringify(normalise(value));
  let out = '';
  for (const key of keys) {
    const v = write((value as Record<string, unknown>)[key]);
    if (v !== undefined) out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${v}`;
  }
  return `{${out}}`;
}

/**
 * True when JSON.stringify(value) is already the canonical text: only plain objects and arrays,
 * every object's keys in ascending order with none special, and no bigint, Date, function,
 * symbol or exotic object anywhere (they take write's own path). Producers of hot records
 * (rule results, reasons, scores) build their objects with sorted keys to land here.
 */
function isJsonReady(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > 32) return false; // deep (or cyclic) values take write's path, which behaves as before
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i += 1) if (value[i] === undefined || !isJsonReady(value[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  let previous = '';
  let first = true;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    if ((!first && key <= previous) || isSpecialKey(key)) return false;
    if (!isJsonReady((value as Record<string, unknown>)[key], depth + 1)) return false;
    previous = key;
    first = false;
  }
  return true;
}

/** Keys an object does not keep in sorted insertion order (integer-like keys come first), or that JSON.stringify or assignment treat specially. */
function isSpecialKey(key: string): boolean {
  const first = key.charCodeAt(0);
  return (first >= 48 && first <= 57) || key === '__proto__' || key === 'toJSON';
}

/** The reference form: a copy with keys inserted in sorted order, bigints and Dates as strings. */
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
