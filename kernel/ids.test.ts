import { describe, expect, it } from 'vitest';
import { SimulatedClock } from './clock';
import { newId } from './ids';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('newId', () => {
  it('is the prefix and a ULID whose time part is the clock time, sortable by it', () => {
    const clock = new SimulatedClock('2026-01-01T00:00:00Z');
    const early = newId('app', clock);
    clock.advanceMs(1);
    const late = newId('app', clock);
    expect(early).toMatch(/^app_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(early < late).toBe(true);
  });

  it('draws the random part uniformly over the 32 characters, unique across many ids', () => {
    const counts = new Map<string, number>();
    const ids = new Set<string>();
    // Different milliseconds, so every id draws a fresh random part (not the monotonic increment).
    const clock = new SimulatedClock(new Date(1_800_000_000_000));
    for (let i = 0; i < 20_000; i += 1) {
      clock.advanceMs(1);
      const id = newId('x', clock);
      ids.add(id);
      for (const c of id.slice(12)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(ids.size).toBe(20_000);
    expect([...counts.keys()].sort().join('')).toBe([...ALPHABET].sort().join(''));
    // 320,000 characters: 10,000 expected each; a chi-square over 31 degrees of freedom stays far below 80.
    const expected = 320_000 / 32;
    const chiSquare = [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(80);
  });
});
