import { describe, expect, it } from 'vitest';
import { auc, brier, confusionAt, gini, ks, reliabilityCurve } from './metrics';

describe('metrics against hand-computed values', () => {
  const s = [0.1, 0.4, 0.35, 0.8];
  const y = [0, 0, 1, 1];
  it('AUC: 3 of 4 positive/negative pairs ordered correctly', () => {
    expect(auc(s, y)).toBeCloseTo(0.75, 12);
    expect(gini(auc(s, y))).toBeCloseTo(0.5, 12);
  });
  it('AUC counts ties as half', () => {
    expect(auc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1])).toBeCloseTo((1 + 0.5 + 1 + 1) / 4, 12);
  });
  it('KS: max CDF gap', () => {
    // sorted: .1(n) .35(p) .4(n) .8(p): gaps 0.5, 0, 0.5, 0
    expect(ks(s, y)).toBeCloseTo(0.5, 12);
  });
  it('Brier', () => {
    expect(brier(s, y)).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 12);
  });
  it('confusion at threshold', () => {
    const c = confusionAt(s, y, 0.38);
    expect([c.tp, c.fp, c.tn, c.fn]).toEqual([1, 1, 1, 1]);
  });
  it('reliability bins', () => {
    const r = reliabilityCurve([0.05, 0.15, 0.12], [0, 1, 0], 10);
    expect(r.map((b) => [b.count, b.observedRate])).toEqual([[1, 0], [2, 0.5]]);
    expect(r[1]!.meanPredicted).toBeCloseTo(0.135, 12);
  });
});
