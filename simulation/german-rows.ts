import { readFileSync } from 'node:fs';
import { GERMAN_CSV } from '../models/bootstrap/load-bootstrap';
import { parseCsv } from '../models/data/csv';

/** The shipped German Credit data set, one record per applicant (column → value as recorded). */

export type GermanRow = Record<string, string>;

export function loadGermanRows(): GermanRow[] {
  const [header, ...rows] = parseCsv(readFileSync(GERMAN_CSV, 'utf8'));
  return rows.filter((r) => r.length === header!.length).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}
