import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Dependencies point one way: kernel ← db ← domain folders ← jobs, dashboard. */
const ROOT = join(import.meta.dirname, '..');
const DOMAIN = ['kernel', 'db', 'auth', 'identity', 'ledger', 'feature-store', 'rules', 'models', 'decision-engine', 'lending', 'compliance'];

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path));
    else if (/\.tsx?$/.test(entry) && !/\.test\.ts$/.test(entry)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!).filter((s) => s.startsWith('.'));
}

describe('dependency direction', () => {
  it('no domain code imports jobs/ or dashboard/, and kernel imports no other project folder', () => {
    const offences: string[] = [];
    for (const folder of DOMAIN) {
      for (const file of sourceFiles(join(ROOT, folder))) {
        for (const spec of importsOf(file)) {
          const target = relative(ROOT, join(file, '..', spec)).split('/')[0]!;
          if (target === 'jobs' || target === 'dashboard') offences.push(`${relative(ROOT, file)} → ${spec}`);
          if (folder === 'kernel' && target !== 'kernel') offences.push(`${relative(ROOT, file)} → ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
