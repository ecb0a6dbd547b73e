import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli';
import { parseCliArgs, UsageError } from './cli-args';
import { syntheticRows } from './testing/synthetic';

const defaults = { registry: '/tmp/r', owner: 'me' };

describe('cli arguments', () => {
  it('rejects bad arguments with a clear message', () => {
    expect(() => parseCliArgs(['fit'], defaults)).toThrow(UsageError);
    expect(() => parseCliArgs(['cv', '--data', 'x.csv', '--target', 't'], defaults)).toThrow(/--positive/);
    expect(() => parseCliArgs(['cv', '--data', 'x.csv', '--target', 't', '--positive', '1', '--k', '1'], defaults)).toThrow(/--k/);
    expect(() => parseCliArgs(['cv', '--data', 'x.csv', '--target', 't', '--positive', '1', '--kind', 'loan'], defaults)).toThrow(/--kind/);
    expect(parseCliArgs(['cv', '--data', 'x.csv', '--target', 't', '--positive', '1'], defaults)).toMatchObject({ k: 5, seed: 42, modelType: 'auto' });
  });
});

describe('cli', () => {
  afterEach(() => vi.restoreAllMocks());
  it('exits 2 on a missing target column, prints one JSON object for cv --json', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'models-cli-'));
    const rows = syntheticRows(200, 4);
    const cols = Object.keys(rows[0]!);
    const csv = [cols.join(','), ...rows.map((r) => cols.map((c) => (r[c] === null ? 'NA' : r[c])).join(','))].join('\n');
    const file = path.join(dir, 'd.csv');
    writeFileSync(file, csv);
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['cv', '--data', file, '--target', 'nope', '--positive', '1'])).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/target column "nope" not found/);
    expect(await main(['cv', '--data', file, '--target', 'label', '--positive', '1', '--k', '3', '--model-type', 'scorecard', '--json'])).toBe(0);
    expect(out).toHaveLength(1);
    const j = JSON.parse(out[0]!);
    expect(Object.keys(j)).toEqual(['auc', 'ks', 'brier', 'model', 'seconds']);
    expect(j.auc.folds).toHaveLength(3);
  });
});
