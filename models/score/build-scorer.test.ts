import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../data/load-dataset';
import { rowAt } from '../data/frame';
import { integratedGradients } from '../explain/integrated-gradients';
import { scorecardPoints } from '../explain/scorecard-points';
import { syntheticRows } from '../testing/synthetic';
import { fitModel, type FitOptions } from '../train/fit-model';
import { mlpLogit } from '../train/mlp';
import { buildScorerFromArtifact } from './build-scorer';

const base: Omit<FitOptions, 'modelType'> = { kind: 'credit', featureSetVersion: 't', target: { name: 'label', positive: '1' }, seed: 3 };
const ds = datasetFromRows(syntheticRows(600, 11), { target: 'label', positive: '1' });

describe('saved model', () => {
  it('scores identically after a JSON round trip, row by row and in batch', async () => {
    const artifact = await fitModel(ds, { ...base, modelType: 'auto', mlp: { epochs: 5 }, gbt: { maxTrees: 40 } });
    const reloaded = buildScorerFromArtifact(JSON.stringify(artifact), 'v1');
    const original = buildScorerFromArtifact(artifact, 'v1');
    const batch = reloaded.compiled.probabilityBatch(ds.frame);
    for (let i = 0; i < 50; i++) {
      const row = rowAt(ds.frame, i);
      const p = original.score(row).probability;
      expect(reloaded.score(row).probability).toBe(p);
      expect(batch[i]).toBeCloseTo(p, 5); // batch path uses float32 matrices
    }
    // an unseen category and missing values still score
    const odd = { ...rowAt(ds.frame, 0), c0: 'never-seen', x1: null };
    expect(reloaded.score(odd).probability).toBeGreaterThan(0);
  });

  it('the same seed gives the same model', async () => {
    const a = await fitModel(ds, { ...base, modelType: 'nn', mlp: { epochs: 3 } });
    const b = await fitModel(ds, { ...base, modelType: 'nn', mlp: { epochs: 3 } });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('attributions', () => {
  it('scorecard points sum to the score and reasons are points below the maximum', async () => {
    const artifact = await fitModel(ds, { ...base, modelType: 'scorecard' });
    const scorer = buildScorerFromArtifact(artifact, 'sc');
    for (let i = 0; i < 20; i++) {
      const row = rowAt(ds.frame, i);
      const r = scorer.score(row);
      const pts = scorecardPoints(artifact, scorer.compiled.encode(row).woe);
      expect(pts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(r.score!, 6);
      expect(r.attributions.length).toBeLessThanOrEqual(4);
      for (const a of r.attributions) {
        const p = pts.find((x) => x.feature === a.feature)!;
        expect(a.impact).toBeCloseTo(p.maxPoints - p.points, 9);
      }
      const impacts = r.attributions.map((a) => a.impact);
      expect([...impacts].sort((x, y) => y - x)).toEqual(impacts);
    }
  });

  it('integrated gradients are complete: they sum to f(x) − f(baseline)', async () => {
    const artifact = await fitModel(ds, { ...base, modelType: 'nn', mlp: { epochs: 8 } });
    const c = artifact.components[0]!;
    if (c.type !== 'mlp') throw new Error('expected mlp');
    const scorer = buildScorerFromArtifact(artifact, 'nn');
    for (let i = 0; i < 10; i++) {
      const x = scorer.compiled.encode(rowAt(ds.frame, i)).linear;
      const ig = integratedGradients(c.model, x, c.linearMeans, 128);
      const sum = ig.reduce((s, v) => s + v, 0);
      const delta = mlpLogit(c.model, x) - mlpLogit(c.model, c.linearMeans);
      expect(Math.abs(sum - delta)).toBeLessThan(0.02 * Math.max(1, Math.abs(delta)));
    }
  });
});
