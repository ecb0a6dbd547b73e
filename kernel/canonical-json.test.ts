import { describe, expect, it } from 'vitest';
import { makeRng, type Rng } from '../models/core/rng';
import { canonicalJson } from './canonical-json';

/** The definition the one-pass writer must match: normalise, then JSON.stringify. */
function reference(value: unknown): string {
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
  return JSON.stringify(normalise(value)) ?? 'null';
}

const LEAVES: Array<(rng: Rng) => unknown> = [
  (rng) => Math.floor(rng() * 1e6) - 5e5,
  (rng) => (rng() - 0.5) * 10 ** Math.floor(rng() * 40 - 20),
  () => Number.NaN,
  () => -0,
  () => Number.POSITIVE_INFINITY,
  (rng) => BigInt(Math.floor(rng() * 1e9)) * 10n ** 12n,
  (rng) => ['', 'a"b', '中文\u2028', '\\', '\u0000\n', 'émoji 😀'][Math.floor(rng() * 6)],
  (rng) => rng() < 0.5,
  () => null,
  () => undefined,
  (rng) => new Date(Math.floor(rng() * 4e12)),
  () => () => 1,
];

function randomValue(rng: Rng, depth: number): unknown {
  const r = rng();
  if (depth <= 0 || r < 0.5) return LEAVES[Math.floor(rng() * LEAVES.length)]!(rng);
  if (r < 0.75) return Array.from({ length: Math.floor(rng() * 5) }, () => randomValue(rng, depth - 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rng() * 6); i > 0; i--) obj[['b', 'a', 'z', '10', '2', 'é', 'A', 'key"q', '01', '-1', '4294967295', '4294967294', '0'][Math.floor(rng() * 13)]!] = randomValue(rng, depth - 1);
  return obj;
}

describe('canonicalJson', () => {
  it('writes exactly what JSON.stringify writes of the normalised value, for 5,000 random values', () => {
    const rng = makeRng(2026);
    for (let i = 0; i < 5_000; i++) {
      const value = randomValue(rng, 4);
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });

  it('sorts keys at every depth and ignores insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1n, undefined], c: new Date(0) } })).toBe('{"a":{"c":"1970-01-01T00:00:00.000Z","d":["1",null]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
    // Integer-like keys come first in numeric order, as JavaScript objects (and every stored hash) have them.
    expect(canonicalJson({ b: 0, 10: 1, 2: 2, a: 3 })).toBe('{"2":2,"10":1,"a":3,"b":0}');
  });
});
