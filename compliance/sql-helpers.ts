import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';

export async function count(db: Db, query: SQL): Promise<number> {
  const result = await db.execute(query);
  return Number((result.rows[0] as { n: bigint | number | string }).n);
}

/** Pass when the query finds no offending rows; the evidence names how many were checked. */
export async function noneFound(db: Db, offending: SQL, checked: SQL, what: string): Promise<{ status: 'pass' | 'fail'; evidence: string }> {
  const [bad, total] = await Promise.all([count(db, offending), count(db, checked)]);
  return bad === 0 ? { status: 'pass', evidence: `${total} ${what} checked, none offending` } : { status: 'fail', evidence: `${bad} of ${total} ${what} offend` };
}

export { sql };
