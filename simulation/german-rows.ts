import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../models/data/csv';

/** The shipped German Credit data set, one record per applicant (column → value as recorded). */
const GERMAN_CSV = join(import.meta.dirname, '..', 'models', 'data', 'german-credit', 'german-credit.csv');

export type GermanRow = Record<string, string>;

export function loadGermanRows(): GermanRow[] {
  const [header, ...rows] = parseCsv(readFileSync(GERMAN_CSV, 'utf8'));
  return rows.filter((r) => r.length === header!.length).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}
