import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench` runs every benchmark; `npm run bench -- ledger models` runs some.
 * Each bench/<name>.ts exports `run(): Promise<Record<string, unknown>>` returning its figures.
 * Results go to stdout as JSON and to bench/results.json plus bench/results.md; a partial run
 * replaces only its own entries there (each entry keeps the time and machine it was measured on).
 */
const ALL = ['ledger', 'decisions', 'models', 'funding', 'servicing', 'web'];
const here = dirname(fileURLToPath(import.meta.url));

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = requested.length > 0 ? requested : ALL;
const unknown = names.filter((n) => !ALL.includes(n));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}

const results: Record<string, unknown> = {};
for (const name of names) {
  const command = `npm run bench -- ${name}`;
  const started = performance.now();
  try {
    const mod = (await import(join(here, `${name}.ts`))) as { run: () => Promise<Record<string, unknown>> };
    const figures = await mod.run();
    results[name] = { command, at: new Date().toISOString(), machine: machine(), seconds: Number(((performance.now() - started) / 1000).toFixed(1)), figures };
  } catch (error) {
    results[name] = { command, error: error instanceof Error ? error.message : String(error) };
  }
  console.error(`[bench] ${name} done`);
}

const report = { machine: machine(), at: new Date().toISOString(), results };
console.log(JSON.stringify(report, null, 2));
await mkdir(here, { recursive: true });
const previous = await readFile(join(here, 'results.json'), 'utf8').then((t) => (JSON.parse(t) as { results?: Record<string, unknown> }).results ?? {}, () => ({}));
const merged = { ...report, results: { ...previous, ...results } };
await writeFile(join(here, 'results.json'), JSON.stringify(merged, null, 2));
const lines = [`# Benchmark results`, '', `Machine: ${JSON.stringify(report.machine)}`, '', '| benchmark | command | figures |', '|---|---|---|'];
for (const [name, value] of Object.entries(merged.results)) {
  const v = value as { command: string; figures?: unknown; error?: string };
  lines.push(`| ${name} | \`${v.command}\` | ${v.error ? `error: ${v.error}` : '`' + JSON.stringify(v.figures) + '`'} |`);
}
await writeFile(join(here, 'results.md'), lines.join('\n') + '\n');
process.exit(0);
