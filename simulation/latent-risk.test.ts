import { describe, expect, it } from 'vitest';
import { makeRng } from '../models/core/rng';
import { latentPdOf, profileScorer } from './latent-risk';
import { loadGermanRows } from './german-rows';

describe('latent risk', () => {
  const german = loadGermanRows();
  const profile = profileScorer(german);
  const meanPd = (rows: typeof german) => {
    const rng = makeRng(3);
    return rows.reduce((s, r) => s + latentPdOf(r, profile(r), rng), 0) / rows.length;
  };

  it('counts the weight of evidence from the data: an overdrawn account weighs worse than no account', () => {
    const base = german[0]!;
    expect(profile({ ...base, checking_status: 'lt_0' })).toBeGreaterThan(profile({ ...base, checking_status: 'none' }));
  });

  it('gives recorded bad outcomes, and worse profiles among the good ones, a higher hidden PD', () => {
    const good = german.filter((r) => r.default === '0');
    const bad = german.filter((r) => r.default === '1');
    expect(meanPd(bad)).toBeGreaterThan(meanPd(good) * 1.5);
    const sorted = [...good].sort((a, b) => profile(a) - profile(b));
    const fifth = Math.floor(sorted.length / 5);
    // Without the profile every good applicant had the same floor; now the best fifth is far safer.
    expect(meanPd(sorted.slice(-fifth))).toBeGreaterThan(meanPd(sorted.slice(0, fifth)) * 3);
  });

  it('never exceeds the cap and is the same for the same draw', () => {
    const row = german[1]!;
    expect(latentPdOf(row, 50, makeRng(1))).toBeLessThanOrEqual(0.9);
    expect(latentPdOf(row, profile(row), makeRng(9))).toBe(latentPdOf(row, profile(row), makeRng(9)));
  });
});
