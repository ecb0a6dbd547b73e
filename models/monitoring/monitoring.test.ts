import { describe, expect, it } from 'vitest';
import { defaultByGrade } from './default-by-grade';
import { approvalParity } from './fairness';
import { psiFromCounts, psiNumeric, psiStatus } from './psi';

describe('monitoring', () => {
  it('PSI by hand and thresholds', () => {
    // (0.6-0.5)ln(0.6/0.5) + (0.4-0.5)ln(0.4/0.5)
    expect(psiFromCounts([50, 50], [60, 40])).toBeCloseTo(0.1 * Math.log(1.2) - 0.1 * Math.log(0.8), 12);
    expect([psiStatus(0.05), psiStatus(0.2), psiStatus(0.3)]).toEqual(['stable', 'watch', 'alert']);
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    expect(psiNumeric(xs, xs)).toBeCloseTo(0, 12);
    expect(psiNumeric(xs, xs.map((v) => v + 500))).toBeGreaterThan(0.25);
  });
  it('four-fifths screen and default by grade', () => {
    const items = [...Array(10).fill({ group: 'male', approved: true }), ...Array(10).fill(0).map((_, i) => ({ group: 'female', approved: i < 7 }))];
    const p = approvalParity(items);
    expect(p.find((g) => g.group === 'female')).toMatchObject({ ratio: 0.7, passesFourFifths: false });
    const g = defaultByGrade([{ grade: 'A', probability: 0.1, defaulted: false }, { grade: 'A', probability: 0.3, defaulted: true }]);
    expect(g[0]).toMatchObject({ n: 2, expectedRate: 0.2, actualRate: 0.5 });
  });
});
