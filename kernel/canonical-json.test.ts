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
