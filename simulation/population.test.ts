import { describe, expect, it } from 'vitest';
import { parseResidentId } from '../identity/resident-id';
import { applicationInputSchema } from '../feature-store/application-input';
import { makePopulation } from './population';

describe('simulated population', () => {
  it('is deterministic for a seed and valid at every boundary the platform checks', () => {
    const a = makePopulation({ seed: 7, borrowers: 300, investors: 20, days: 60, startYear: 2026 });
    const b = makePopulation({ seed: 7, borrowers: 300, investors: 20, days: 60, startYear: 2026 });
    expect(JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    for (const borrower of a.borrowers) {
      expect(applicationInputSchema.safeParse(borrower.application).success).toBe(true);
      expect(() => parseResidentId(borrower.identity.idNumber)).not.toThrow();
    }
  });

  it('grounds latent risk in the German Credit outcomes and makes fraud rings share devices', () => {
    const { borrowers } = makePopulation({ seed: 11, borrowers: 2_000, investors: 1, days: 60, startYear: 2026 });
    const honest = borrowers.filter((b) => !b.isFraud);
    const meanPd = honest.reduce((s, b) => s + b.latentPd, 0) / honest.length;
    expect(meanPd).toBeGreaterThan(0.2);
    expect(meanPd).toBeLessThan(0.45);
    const rings = borrowers.filter((b) => b.isFraud);
    expect(rings.length).toBe(40);
    expect(new Set(rings.map((b) => b.application.device.id)).size).toBe(5);
  });
});
