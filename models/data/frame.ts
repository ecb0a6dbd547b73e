/** Column-oriented table used for training and batch scoring (typed arrays for speed). */
import type { FeatureRow } from '../scoring-types';

export type ColumnType = 'numeric' | 'categorical';

export interface NumericColumn {
  name: string;
  type: 'numeric';
  /** NaN marks a missing value. */
  values: Float64Array;
}

export interface CategoricalColumn {
  name: string;
  type: 'categorical';
  values: Array<string | null>;
}

export type Column = NumericColumn | CategoricalColumn;

export interface Frame {
  nRows: number;
  columns: Column[];
}

/** A frame with a binary label (1 = the positive class: default or fraud). */
export interface Dataset {
  frame: Frame;
  y: Uint8Array;
}

export const MISSING_TOKENS = new Set(['', 'NA', '?', 'N/A', 'NaN', 'nan', 'null', 'NULL']);

export function isMissingToken(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) || (typeof v === 'string' && MISSING_TOKENS.has(v.trim()));
}

/** Numeric if every present value parses as a finite number. */
export function detectColumnType(values: ReadonlyArray<unknown>): ColumnType {
  let present = 0;
  for (const v of values) {
    if (isMissingToken(v)) continue;
    present++;
    if (typeof v === 'number') continue;
    if (!Number.isFinite(Number(String(v).trim()))) return 'categorical';
  }
  return present === 0 ? 'categorical' : 'numeric';
}

export function buildColumn(name: string, raw: ReadonlyArray<unknown>, type: ColumnType): Column {
  if (type === 'numeric') {
    const values = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      values[i] = isMissingToken(v) ? NaN : Number(typeof v === 'string' ? v.trim() : v);
    }
    return { name, type, values };
  }
  return { name, type, values: raw.map((v) => (isMissingToken(v) ? null : String(v).trim())) };
}

export interface FrameOptions {
  /** Force these column types (otherwise detected). */
  types?: Record<string, ColumnType>;
  exclude?: ReadonlyArray<string>;
}

/** Builds a frame from row objects (a feature-store training frame). */
export function frameFromRows(rows: ReadonlyArray<Record<string, unknown>>, columns: ReadonlyArray<string>, options: FrameOptions = {}): Frame {
  const exclude = new Set(options.exclude ?? []);
  const cols: Column[] = [];
  for (const name of columns) {
    if (exclude.has(name)) continue;
    const raw = rows.map((r) => r[name]);
    cols.push(buildColumn(name, raw, options.types?.[name] ?? detectColumnType(raw)));
  }
  return { nRows: rows.length, columns: cols };
}

export function selectRows(frame: Frame, idx: ArrayLike<number>): Frame {
  const n = idx.length;
  const columns: Column[] = frame.columns.map((c) => {
    if (c.type === 'numeric') {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = c.values[idx[i]!]!;
      return { ...c, values: v };
    }
    const v: Array<string | null> = new Array(n);
    for (let i = 0; i < n; i++) v[i] = c.values[idx[i]!]!;
    return { ...c, values: v };
  });
  return { nRows: n, columns };
}

export function selectDataset(ds: Dataset, idx: ArrayLike<number>): Dataset {
  const y = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) y[i] = ds.y[idx[i]!]!;
  return { frame: selectRows(ds.frame, idx), y };
}

export function rowAt(frame: Frame, i: number): FeatureRow {
  const row: FeatureRow = {};
  for (const c of frame.columns) {
    const v = c.values[i];
    row[c.name] = c.type === 'numeric' ? (Number.isNaN(v as number) ? null : (v as number)) : ((v as string | null) ?? null);
  }
  return row;
}
