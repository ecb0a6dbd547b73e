/** Converts german.data (codes, no header) to german-credit.csv (readable names, `default` target). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CREDIT_FEATURES, CREDIT_TARGET, germanCodeToValue } from '../credit-features';

const here = path.dirname(fileURLToPath(import.meta.url));

/** German attribute number (1-based column) for each feature, e.g. `A13` → 13. */
function columnOf(germanAttribute: string): number {
  return Number(germanAttribute.slice(1));
}

export function germanDataToCsv(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = [...CREDIT_FEATURES.map((f) => f.name), CREDIT_TARGET].join(',');
  const out = lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    const values = CREDIT_FEATURES.map((f) => {
      const raw = cols[columnOf(f.germanAttribute) - 1];
      if (raw === undefined) throw new Error(`short line: ${line}`);
      return f.type === 'categorical' ? germanCodeToValue(f.name, raw) : raw;
    });
    const cls = cols[20];
    values.push(cls === '2' ? '1' : '0');
    return values.join(',');
  });
  return [header, ...out].join('\n') + '\n';
}

/** A9 (personal status and sex) per row, for the fairness screen only. */
export function germanPersonalStatus(text: string): Array<{ gender: 'male' | 'female'; code: string }> {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const code = l.trim().split(/\s+/)[8] ?? '';
      return { code, gender: code === 'A92' || code === 'A95' ? 'female' : 'male' };
    });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = path.join(here, 'german-credit');
  writeFileSync(path.join(dir, 'german-credit.csv'), germanDataToCsv(readFileSync(path.join(dir, 'german.data'), 'utf8')));
}
