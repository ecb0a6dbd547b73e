import { createHash } from 'node:crypto';
import type { Query, SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/**
 * `db.execute(query)` as a NAMED prepared statement: PostgreSQL parses and plans the text once
 * per connection and then only binds and executes it. On the hot paths (the decision's one read,
 * the decision writer's batch statements) parse + analyse + plan were ~40% of PostgreSQL's CPU.
 *
 * The name is derived from the statement text, so the same text always reuses its statement and
 * two texts never share a name (node-postgres refuses that). Only for statements whose text does
 * not vary with the values (parameters, arrays or one jsonb, never an IN list of varying length):
 * every distinct text costs a prepared statement on every pooled connection. A guard keeps a
 * misuse from growing without bound: past MAX_NAMED_TEXTS texts, queries run unnamed.
 */
const MAX_NAMED_TEXTS = 256;
const dialect = new PgDialect();
const names = new Map<string, string>();

export function preparedNameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_TEXTS) {
    name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

export async function executePrepared<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<{ rows: T[] }> {
  return executeBuilt<T>(db, dialect.sqlToQuery(query));
}

/** Runs a built query as the named prepared statement of its text, filling its placeholders from `values`. */
function executeBuilt<T extends Record<string, unknown>>(db: DbOrTx, built: Query, values?: Record<string, unknown>): Promise<{ rows: T[] }> {
  const prepared = db._.session.prepareQuery<{ execute: { rows: T[] }; all: unknown; values: unknown }>(built, undefined, preparedNameFor(built.sql), false);
  return prepared.execute(values);
}

/**
 * A named prepared statement whose text is built ONCE: `build` writes it with
 * `sql.placeholder(name)` for every value, and each call only fills in `values`. For the
 * statements every request runs, where drizzle rebuilding the text (walking the template,
 * escaping, naming) cost more event-loop time than the round trip.
 */
export function preparedQuery<T extends Record<string, unknown>>(build: () => SQL): (db: DbOrTx, values: Record<string, unknown>) => Promise<{ rows: T[] }> {
  let built: Query | undefined;
  return (db, values) => executeBuilt<T>(db, (built ??= dialect.sqlToQuery(build())), values);
}
