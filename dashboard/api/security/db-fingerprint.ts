import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';

/**
 * A fingerprint of every row of every table (except the ones that legitimately change on a
 * refused request: none of the business tables). Equal before and after ⇒ nothing was written.
 */
export async function databaseFingerprint(db: Db, ignoreTables: readonly string[] = []): Promise<Record<string, string>> {
  const tables = await db.execute<{ tablename: string }>(sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const out: Record<string, string> = {};
  for (const { tablename } of tables.rows) {
    if (ignoreTables.includes(tablename)) continue;
    const result = await db.execute<{ n: bigint; h: string | null }>(
      sql.raw(`SELECT count(*) AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS h FROM "${tablename}" t`),
    );
    const row = result.rows[0]!;
    out[tablename] = `${row.n}:${row.h ?? ''}`;
  }
  return out;
}
