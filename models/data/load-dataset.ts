/** Turns a CSV text or a feature-store frame (row objects + label) into a labelled Dataset. */
import { parseCsv } from './csv';
import { buildColumn, detectColumnType, isMissingToken, type Column, type ColumnType, type Dataset } from './frame';

export interface DatasetSpec {
  target: string;
  /** Value of the target column that means "bad" (default / fraud). */
  positive: string;
  numeric?: ReadonlyArray<string>;
  categorical?: ReadonlyArray<string>;
  /** Columns never used as inputs (ids, protected attributes). */
  exclude?: ReadonlyArray<string>;
}

export class DatasetError extends Error {}

export interface LoadedDataset extends Dataset {
  /** Index in the source of each kept row (rows with a missing target are dropped). */
  sourceRow: Int32Array;
  /** Data rows in the source, before dropping missing targets (fold files index these). */
  nSourceRows: number;
}

function matchesPositive(value: string, positive: string): boolean {
  const v = value.trim();
  if (v === positive) return true;
  const a = Number(v);
  const b = Number(positive);
  return v !== '' && positive.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && a === b;
}

function build(header: string[], getCell: (row: number, col: number) => unknown, nSource: number, spec: DatasetSpec): LoadedDataset {
  const targetIdx = header.indexOf(spec.target);
  if (targetIdx < 0) throw new DatasetError(`target column "${spec.target}" not found; columns: ${header.join(', ')}`);
  for (const name of [...(spec.numeric ?? []), ...(spec.categorical ?? []), ...(spec.exclude ?? [])]) {
    if (!header.includes(name)) throw new DatasetError(`column "${name}" not found`);
  }
  const keep: number[] = [];
  let positives = 0;
  const y: number[] = [];
  for (let r = 0; r < nSource; r++) {
    const t = getCell(r, targetIdx);
    if (isMissingToken(t)) continue;
    keep.push(r);
    const pos = matchesPositive(String(t), spec.positive) ? 1 : 0;
    positives += pos;
    y.push(pos);
  }
  if (positives === 0) throw new DatasetError(`no row has ${spec.target} = ${spec.positive}`);
  if (positives === keep.length) throw new DatasetError(`every row has ${spec.target} = ${spec.positive}; need both classes`);
  const exclude = new Set([spec.target, ...(spec.exclude ?? [])]);
  const columns: Column[] = [];
  header.forEach((name, c) => {
    if (exclude.has(name)) return;
    const raw = keep.map((r) => getCell(r, c));
    const forced: ColumnType | undefined = spec.numeric?.includes(name) ? 'numeric' : spec.categorical?.includes(name) ? 'categorical' : undefined;
    columns.push(buildColumn(name, raw, forced ?? detectColumnType(raw)));
  });
  return { frame: { nRows: keep.length, columns }, y: Uint8Array.from(y), sourceRow: Int32Array.from(keep), nSourceRows: nSource };
}

export function datasetFromCsv(text: string, spec: DatasetSpec): LoadedDataset {
  const rows = parseCsv(text);
  const header = rows.shift()?.map((h) => h.trim());
  if (!header || header.length < 2) throw new DatasetError('CSV needs a header row and at least two columns');
  rows.forEach((r, i) => {
    if (r.length !== header.length) throw new DatasetError(`CSV row ${i + 2} has ${r.length} fields, header has ${header.length}`);
  });
  return build(header, (r, c) => rows[r]![c], rows.length, spec);
}

/** A feature-store training frame: row objects plus the label column name inside them. */
export function datasetFromRows(rows: ReadonlyArray<Record<string, unknown>>, spec: DatasetSpec): LoadedDataset {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) names.add(k);
  const header = [...names];
  return build(header, (r, c) => rows[r]![header[c]!], rows.length, spec);
}
