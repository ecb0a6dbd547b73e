import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashCanonical } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, so insertion order never changes a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [1n, undefined], c: new Date(0) } })).toBe('{"a":{"c":"1970-01-01T00:00:00.000Z","d":["1",null]},"b":1}');
    expect(hashCanonical({ x: 1, y: { p: 2, q: 3 } })).toBe(hashCanonical({ y: { q: 3, p: 2 }, x: 1 }));
  });

  it('keeps integer-like keys first in numeric order, as JavaScript objects (and every stored hash) have them', () => {
    expect(canonicalJson({ b: 0, 10: 1, 2: 2, a: 3 })).toBe('{"2":2,"10":1,"a":3,"b":0}');
  });

  it('drops undefined fields and writes bigints as strings', () => {
    expect(canonicalJson({ a: undefined, fen: 9_007_199_254_740_993n })).toBe('{"fen":"9007199254740993"}');
  });
});

/** canonicalJson as it was first written (a sorted copy, then JSON.stringify): every stored hash was computed from this form. */
function referenceCanonicalJson(value: unknown): string {
  const normalise = (v: unknown): unknown => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(normalise);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[key];
        if (x !== undefined) out[key] = normalise(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(normalise(value));
}

describe('canonicalJson written directly', () => {
  it('is character for character the reference form on any value', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toJSON', '0', '10', '2', '01', '4294967295', '-1', 'a', 'B', 'é', '\u2028'));
    const leaf = fc.oneof(fc.anything({ withBigInt: true, withDate: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withTypedArray: true, withSparseArray: true, withUnicodeString: true }), fc.constantFrom(Number.NaN, -0, Infinity, 1e21, 5e-324, undefined, null, () => 1, Symbol('s'), new Date(0)));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree')), fc.dictionary(key, tie('tree'))),
    }));
    // A value the reference cannot write (an invalid Date: toISOString throws) must fail the same way.
    const outcome = (write: () => string) => {
      try {
        return write();
      } catch (error) {
        return `throws ${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    fc.assert(fc.property(tree, (value) => {
      expect(outcome(() => canonicalJson(value))).toBe(outcome(() => referenceCanonicalJson(value)));
    }), { numRuns: 1_500 });
  });

  it('is the reference form on values already in canonical order (the native JSON.stringify path) and near them', () => {
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('__proto__', 'toJSON', '0', '1h', 'a', 'B', 'é', 'a\u0000'));
    const leaf = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom(undefined, Number.NaN, -0, 1n, new Date(0), () => 1));
    // Objects built with their keys inserted in sorted order; sometimes one key out of order.
    const sortedObject = (entries: Array<[string, unknown]>, swap: boolean) => {
      const keys = [...new Set(entries.map(([k]) => k))].sort();
      if (swap && keys.length > 1) [keys[0], keys[1]] = [keys[1]!, keys[0]!];
      const byKey = new Map(entries);
      const out: Record<string, unknown> = {};
      // defineProperty: an own "__proto__" key, as JSON.parse makes it, not a prototype change.
      for (const k of keys) Object.defineProperty(out, k, { value: byKey.get(k), enumerable: true, writable: true, configurable: true });
      return out;
    };
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree')), fc.tuple(fc.array(fc.tuple(key, tie('tree'))), fc.boolean()).map(([entries, swap]) => sortedObject(entries, swap))),
    }));
    fc.assert(fc.property(tree, (value) => {
      expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    }), { numRuns: 3_000 });
    const deep: Record<string, unknown> = { a: 1 };
    let cursor = deep;
    for (let i = 0; i < 60; i += 1) cursor = (cursor.b = { a: i }) as Record<string, unknown>;
    expect(canonicalJson(deep)).toBe(referenceCanonicalJson(deep));
  });

  it('matches the reference on the keys JavaScript treats specially', () => {
    const cases: unknown[] = [
      JSON.parse('{"__proto__": {"x": 1}, "a": 1}'),
      JSON.parse('{"__proto__": 5, "b": [1, {"__proto__": null}]}'),
      { toJSON: () => 'replaced', a: 1 },
      { 10: 'x', 2: 'y', a: { 1: 1, b: 2 }, '-1': 3, '4294967295': 4 },
      { a: [undefined, () => 1, Symbol('s'), , 1n] }, // eslint-disable-line no-sparse-arrays
      { d: new Date('2026-03-02T02:00:00Z'), n: Number.NaN, z: -0, big: 12345678901234567890n },
      [new Map([[1, 2]]), new Set([1]), new Uint8Array([1, 2, 10]), Object(1n), Object('s')],
    ];
    for (const value of cases) expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
  });
});
