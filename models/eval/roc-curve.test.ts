import { describe, expect, it } from 'vitest';
import { auc } from './metrics';
import { evaluationReport, rocCurve } from './roc-curve';

describe('ROC curve', () => {
  it('walks thresholds from high to low; its trapezoid area equals the AUC', () => {
    const p = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2];
    const y = [1, 1, 0, 1, 0, 0, 1, 0];
    const roc = rocCurve(p, y);
    expect(roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(roc[1]).toEqual({ threshold: 0.9, fpr: 0, tpr: 0.25 });
    let area = 0;
    for (let i = 1; i < roc.length; i++) area += (roc[i]!.fpr - roc[i - 1]!.fpr) * (roc[i]!.tpr + roc[i - 1]!.tpr) / 2;
    expect(area).toBeCloseTo(auc(p, y), 12);
    expect(evaluationReport(p, y, 'test').roc[0]!.threshold).toBe(1);
  });
  it('thins long curves to the requested number of points', () => {
    const p = Array.from({ length: 500 }, (_, i) => i / 500);
    const y = p.map((_, i) => i % 2);
    expect(rocCurve(p, y, 11)).toHaveLength(11);
  });
});
