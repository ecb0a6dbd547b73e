import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { jsonReplacer } from '../kernel/canonical-json';

/**
 * `INSERT INTO table (…) SELECT … FROM jsonb_populate_recordset(…)`: many rows sent as ONE jsonb
 * parameter instead of a bound parameter per value. On hot batch paths (the decision writer)
 * drizzle's per-value mapping cost more CPU than PostgreSQL's insert. Values go as the column
 * types read them: Dates as ISO text, bigints as text, JSON columns nested. Rows are inserted in
 * array order. Only the columns some row gives are written; a value a row leaves out is NULL
 * (not the column default), so give every row the same fields.
 */
export function insertRowsAsJson(table: PgTable, rows: ReadonlyArray<object>): SQL {
  if (rows.length === 0) throw new Error('insertRowsAsJson: no rows');
  const { columnNames, json } = rowsAsJson(table, rows);
  const names = sql.raw(columnNames.map((name) => `"${name}"`).join(', '));
  return sql`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::${table}, ${json}::jsonb)`;
}

/**
 * Rows as one JSON array text keyed by the table's column names (what jsonb_populate_record
 * reads), in the same form as insertRowsAsJson; a null row is JSON null (e.g. an item with no
 * referral, for a function that takes one element per item).
 */
export function rowsAsJson(table: PgTable, rows: ReadonlyArray<object | null>): { columnNames: string[]; json: string } {
  const given = new Set(rows.flatMap((row) => (row ? Object.keys(row) : [])));
  const columns = columnsOf(table, (key) => given.has(key));
  const payload = rows.map((row) => (row ? objectJson(columns, row) : 'null'));
  return { columnNames: columns.map((c) => c.name), json: `[${payload.join(',')}]` };
}

/** One row as JSON text keyed by the table's column names (the fields the row gives). */
export function rowAsJson(table: PgTable, row: object): string {
  return objectJson(columnsOf(table, (key) => key in row), row);
}

interface ColumnKey {
  key: string;
  name: string;
  /** `"name":`, built once per call rather than once per row. */
  prefix: string;
}

function columnsOf(table: PgTable, keep: (key: string) => boolean): ColumnKey[] {
  return Object.entries(getTableColumns(table))
    .filter(([key]) => keep(key))
    .map(([key, column]) => ({ key, name: column.name, prefix: `${JSON.stringify(column.name)}:` }));
}

function objectJson(columns: readonly ColumnKey[], row: object): string {
  return `{${columns.map((c) => c.prefix + cellJson((row as Record<string, unknown>)[c.key])).join(',')}}`;
}

/** A JSON column's value already serialised (e.g. in canonical form, on a compute thread): written as is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/**
 * One cell as JSON text. JSON.stringify without a replacer keeps V8's fast path (a replacer is
 * called for every nested value, and the feature snapshots and rule results are large); a value
 * holding a bigint, which that path refuses, is written again with the replacer.
 */
function cellJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return `"${value}"`;
  if (value instanceof JsonText) return value.text;
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof TypeError) return JSON.stringify(value, jsonReplacer);
    throw error;
  }
}
