/**
 * Models benchmark: training time, single-row and batch scoring latency, and 5-fold CV time
 * on 150,000 generated rows × 10 columns (8 numeric, 2 categorical).
 */
import { datasetFromRows } from '../models/data/load-dataset';
import { rowAt } from '../models/data/frame';
import { crossValidate } from '../models/eval/cross-validate';
import { stratifiedFolds } from '../models/eval/folds';
import { buildScorerFromArtifact } from '../models/score/build-scorer';
import { syntheticRows } from '../models/testing/synthetic';
import { fitModel } from '../models/train/fit-model';
import { currentTfBackend, getTf } from '../models/tf-backend';

const ROWS = 150_000;

export async function run(): Promise<Record<string, unknown>> {
  await getTf();
  const ds = datasetFromRows(syntheticRows(ROWS, 1, 8, 2), { target: 'label', positive: '1' });
  const base = { kind: 'credit' as const, featureSetVersion: 'bench', target: { name: 'label', positive: '1' }, seed: 42 };

  let t = performance.now();
  const artifact = await fitModel(ds, { ...base, modelType: 'auto' });
  const trainSeconds = (performance.now() - t) / 1000;
  const scorer = buildScorerFromArtifact(artifact, 'bench');

  // Batch scoring over the whole frame.
  t = performance.now();
  scorer.compiled.probabilityBatch(ds.frame);
  const batchRowsPerSecond = ROWS / ((performance.now() - t) / 1000);

  // Single-row: full score() including attributions, after warm-up.
  const rows = Array.from({ length: 2000 }, (_, i) => rowAt(ds.frame, i));
  for (const r of rows) scorer.score(r);
  const lat: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    for (const r of rows) {
      const s = performance.now();
      scorer.score(r);
      lat.push(performance.now() - s);
    }
  }
  lat.sort((a, b) => a - b);
  const pct = (q: number) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))]!;

  t = performance.now();
  const cv = await crossValidate(ds, stratifiedFolds(ds.y, 5, 42), { ...base, modelType: 'auto' });
  const cvSeconds = (performance.now() - t) / 1000;

  return {
    backend: currentTfBackend(),
    rows: ROWS,
    columns: 10,
    model: 'auto (logistic + gbt + mlp, stacked)',
    trainSeconds,
    batchRowsPerSecond: Math.round(batchRowsPerSecond),
    singleRowMs: { p50: pct(0.5), p99: pct(0.99), max: lat[lat.length - 1] },
    cv5FoldSeconds: cvSeconds,
    cvAuc: cv.auc.mean,
    targets: { batchRowsPerSecond: 50000, singleRowP99Ms: 0.2, cv5FoldSeconds: 120 },
  };
}

if (process.argv[1]?.endsWith('bench/models.ts')) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
