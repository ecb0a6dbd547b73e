import fc from 'fast-check';
import { z } from 'zod';
import type { AnyRoute } from '../define-route';

export interface FuzzCase {
  route: AnyRoute;
  path: string;
  rawBody: string;
  headers: Record<string, string>;
  /** Why this request is bad or an edge case, for failure messages. */
  label: string;
}

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; anyOf?: JsonSchema[]; items?: JsonSchema };

const NASTY_STRINGS = [
  '',
  ' ',
  'x'.repeat(100_000),
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '\u0000',
  '\uD800',
  '😀'.repeat(50),
  '-1.00',
  '1.001',
  '1e9',
  'NaN',
  'Infinity',
  '99999999999999999999999999.99',
  '0x10',
  '../../etc/passwd',
  '%00',
  '{"$ne":null}',
];
const NASTY_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, -0.01, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [null], { nested: { deeper: { deepest: [1, 2, 3] } } }, ...NASTY_STRINGS];

/** A value that the property's schema cannot accept (wrong type for every declared type). */
function wrongTypeValues(schema: JsonSchema): unknown[] {
  const types = new Set(Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);
  return NASTY_VALUES.filter((value) => {
    const t = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
    if (types.has(t)) return false;
    if (t === 'integer' && types.has('number')) return false;
    return types.size > 0;
  });
}

function samplePath(route: AnyRoute, idValue: string): string {
  return route.path.replace(/:(\w+)/g, () => encodeURIComponent(idValue));
}

/**
 * Bad and edge-case requests for one write route, generated from its zod body schema: broken
 * JSON, non-object bodies, each required field removed, each field given wrong-typed and nasty
 * values, nasty path ids and idempotency keys. Deterministic for a seed.
 */
export function fuzzCasesFor(route: AnyRoute, count: number, seed: number): FuzzCase[] {
  const schema: JsonSchema = route.body ? (z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : {};
  const properties = Object.entries(schema.properties ?? {});
  const ids = ['does-not-exist', 'x'.repeat(300), '../admin', "1' OR '1'='1", '😀', '0'];
  const keys = ['', 'short', 'k'.repeat(200), 'bad key with spaces', undefined];
  const rng = fc.sample(fc.nat(), { numRuns: count * 4, seed });
  let r = 0;
  const pick = <T>(items: readonly T[]): T => items[(rng[r++ % rng.length] ?? 0) % items.length]!;
  const validKey = () => `fuzz-${seed}-${r}-${rng[r % rng.length]}`;

  const cases: FuzzCase[] = [];
  const push = (label: string, body: unknown, raw?: string) => {
    const key = pick([...keys, validKey(), validKey()]);
    const headers: Record<string, string> = key === undefined ? {} : { 'idempotency-key': key };
    cases.push({ route, path: samplePath(route, pick(ids)), rawBody: raw ?? JSON.stringify(body), headers, label });
  };
  const structural: Array<[string, string]> = [
    ['truncated JSON', '{"amount": "10'],
    ['not JSON', 'amount=10'],
    ['JSON number', '42'],
    ['JSON string', '"hello"'],
    ['JSON array', '[1,2,3]'],
    ['JSON null', 'null'],
    ['deep nesting', '['.repeat(5000) + ']'.repeat(5000)],
  ];
  while (cases.length < count) {
    const choice = pick([0, 1, 2, 3, 4]);
    if (choice === 0 || properties.length === 0) {
      const [label, raw] = pick(structural);
      push(label, undefined, raw);
      continue;
    }
    // A base object of nasty-but-plausible values, then one definite violation.
    const base: Record<string, unknown> = {};
    for (const [name] of properties) base[name] = pick(NASTY_VALUES);
    const [name, propSchema] = pick(properties);
    if (choice === 1 && schema.required?.length) {
      const missing = pick(schema.required);
      delete base[missing];
      push(`missing required ${missing}`, base);
    } else {
      const wrong = wrongTypeValues(propSchema);
      base[name] = wrong.length > 0 ? pick(wrong) : pick(NASTY_VALUES);
      push(`bad ${name}=${JSON.stringify(base[name])?.slice(0, 40)}`, base);
    }
  }
  return cases;
}
