/**
 * `npm run model -- cv|train|evaluate …`. Results go to stdout (one JSON object with --json);
 * progress and messages go to stderr only, with a bar only when stderr is a terminal.
 * Bad arguments or unusable data: message on stderr, exit code 2.
 */
import { systemClock } from '../kernel/clock';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { ulid } from 'ulid';
import { parseCliArgs, USAGE, UsageError, type CliArgs } from './cli-args';
import { datasetFromCsv, DatasetError, type LoadedDataset } from './data/load-dataset';
import { crossValidate } from './eval/cross-validate';
import { FoldsError, parseFoldsFile, stratifiedFolds } from './eval/folds';
import { evaluate } from './eval/metrics';
import { FileModelRegistryRepository } from './registry/file-repository';
import { hashTrainingData, registerModelVersion } from './registry/register-model-version';
import { compileModel } from './score/compiled-model';
import { fitModel } from './train/fit-model';
import { currentTfBackend, getTf } from './tf-backend';

const here = path.dirname(fileURLToPath(import.meta.url));

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${what} "${file}"`);
  }
}

function progress(label: string) {
  if (!process.stderr.isTTY) return { update: (_d: number, _t: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

function loadData(a: CliArgs, target: string, positive: string): { ds: LoadedDataset; text: string } {
  const text = readText(a.data, 'data file');
  return { ds: datasetFromCsv(text, { target, positive, numeric: a.numeric, categorical: a.categorical, exclude: a.exclude }), text };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

async function run(a: CliArgs, out: (s: string) => void, now: () => Date): Promise<void> {
  const t0 = performance.now();
  await getTf();
  const fitBase = { modelType: a.modelType, kind: a.kind, featureSetVersion: `csv:${path.basename(a.data)}`, seed: a.seed } as const;
  if (a.command === 'cv') {
    const { ds } = loadData(a, a.target!, a.positive!);
    // A folds file numbers every data row of the CSV; rows dropped for a missing target drop their entry.
    const fileFolds = a.folds ? parseFoldsFile(readText(a.folds, 'folds file'), ds.nSourceRows) : undefined;
    const folds = fileFolds ? Int32Array.from(ds.sourceRow, (r) => fileFolds[r]!) : stratifiedFolds(ds.y, a.k, a.seed);
    const bar = progress('cv');
    const r = await crossValidate(ds, folds, { ...fitBase, target: { name: a.target!, positive: a.positive! }, onProgress: (d, t) => bar.update(d, t) });
    bar.stop();
    const s = (m: { mean: number; sd: number; folds: number[] }) => ({ mean: round(m.mean), sd: round(m.sd), folds: m.folds.map(round) });
    const result = { auc: s(r.auc), ks: s(r.ks), brier: s(r.brier), model: a.modelType === 'auto' ? 'auto(logistic+gbt+mlp, stacked, platt)' : a.modelType, seconds: round((performance.now() - t0) / 1000) };
    if (a.json) out(JSON.stringify(result));
    else {
      out(`model ${result.model} (backend ${currentTfBackend()}), ${r.auc.folds.length} folds, ${result.seconds.toFixed(1)} s`);
      out(`AUC   ${r.auc.mean.toFixed(4)} ± ${r.auc.sd.toFixed(4)}  (Gini ${(2 * r.auc.mean - 1).toFixed(4)})`);
      out(`KS    ${r.ks.mean.toFixed(4)} ± ${r.ks.sd.toFixed(4)}`);
      out(`Brier ${r.brier.mean.toFixed(4)} ± ${r.brier.sd.toFixed(4)}`);
    }
    return;
  }
  const repo = new FileModelRegistryRepository(a.registry);
  if (a.command === 'train') {
    const { ds, text } = loadData(a, a.target!, a.positive!);
    const bar = progress('train');
    const artifact = await fitModel(ds, { ...fitBase, target: { name: a.target!, positive: a.positive! }, onProgress: (d, t) => bar.update(d, t) });
    bar.stop();
    const inSample = evaluate(compileModel(artifact).probabilityBatch(ds.frame), ds.y);
    const v = await registerModelVersion(repo, {
      id: ulid(), name: a.name!, artifact, metrics: { trainingSample: { auc: inSample.auc, ks: inSample.ks, brier: inSample.brier, n: inSample.n } },
      trainingDataHash: hashTrainingData(text), owner: a.owner, intendedUse: a.intendedUse ?? `${a.kind} scoring`, createdBy: a.owner, now: now(),
    });
    const result = { id: v.id, name: v.name, kind: v.kind, status: v.status, modelType: artifact.modelType, trainingDataHash: v.trainingDataHash, seconds: round((performance.now() - t0) / 1000) };
    out(a.json ? JSON.stringify(result) : `registered model version ${v.id} (${v.name}, ${v.status})`);
    return;
  }
  const v = await repo.getVersion(a.model!);
  if (!v) throw new UsageError(`model version "${a.model}" not found in ${a.registry}`);
  const { ds } = loadData(a, a.target ?? v.artifact.target.name, a.positive ?? v.artifact.target.positive);
  const e = evaluate(compileModel(v.artifact).probabilityBatch(ds.frame), ds.y);
  if (a.json) out(JSON.stringify({ model: v.id, ...e }));
  else out(`model ${v.id}: AUC ${e.auc.toFixed(4)}, Gini ${e.gini.toFixed(4)}, KS ${e.ks.toFixed(4)}, Brier ${e.brier.toFixed(4)}, n ${e.n}`);
}

export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, { registry: path.join(here, 'registry-store'), owner: process.env.USER ?? 'analyst' });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  // Libraries may log; keep stdout for results only.
  const write = (s: string) => process.stdout.write(s + '\n');
  console.log = (...xs: unknown[]) => process.stderr.write(xs.join(' ') + '\n');
  try {
    await run(args, write, () => systemClock.now());
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof DatasetError || e instanceof FoldsError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
