import { sql } from 'drizzle-orm';
import { hashCanonical } from '../kernel/canonical-json';
import type { AuditTotals } from './auditor';
import type { SimulationOptions } from './options';
import type { World } from './world';

export interface GradeRow {
  grade: string;
  loans: number;
  defaulted: number;
  defaultRate: number;
}

export interface SimulationSummary {
  seed: number;
  months: number;
  borrowers: number;
  investors: number;
  seconds: number;
  auditedDays: number;
  stats: Record<string, number>;
  defaultRateByGrade: GradeRow[];
  /** True when default rates never fall from a better grade letter to a worse one (A best). */
  gradesMonotonic: boolean;
  latestDisclosure: { yearMonth: string; contentHash: string; figures: Record<string, string> } | null;
  /** How the books were audited; every automated decision is replayed once (replayed = recorded). */
  audit: AuditTotals & { automatedDecisions: number; method: string };
  /** Wall time per phase of the simulated day (where a slow run spends it). */
  phaseSeconds: Record<string, number>;
  /** A digest of the books independent of generated ids: same seed → same digest. */
  booksDigest: string;
}

const AUDIT_METHOD =
  'every day: invariants over the rows written since the previous audit (PostgreSQL row versions), running copies of the ledger and the bank journal, replay of every decision recorded; every month end and the last day: every invariant over every row from scratch';

const DEFAULTED = `(lo.delinquency_status IN ('default', 'charged_off', 'over_90') OR lo.days_past_due > 90)`;

export async function summarise(
  world: World,
  input: { options: SimulationOptions; seconds: number; stats: Record<string, number>; auditedDays: number; audit: AuditTotals; phaseSeconds: Record<string, number> },
): Promise<SimulationSummary> {
  const db = world.deps.db;
  const byGrade = (await db.execute(sql.raw(`
    SELECT left(lo.grade, 1) AS grade, count(*)::int AS loans, count(*) FILTER (WHERE ${DEFAULTED})::int AS defaulted
      FROM loans lo GROUP BY 1 ORDER BY 1`))).rows as Array<{ grade: string; loans: number; defaulted: number }>;
  const defaultRateByGrade = byGrade.map((g) => ({ ...g, defaultRate: g.loans === 0 ? 0 : Number((g.defaulted / g.loans).toFixed(4)) }));
  // Grades with too few loans say nothing about order; compare the rest.
  const meaningful = defaultRateByGrade.filter((g) => g.loans >= 30);
  const gradesMonotonic = meaningful.every((g, i) => i === 0 || g.defaultRate >= meaningful[i - 1]!.defaultRate);
  const [latest] = (await db.execute(sql`SELECT year_month, content_hash, content FROM disclosure_snapshots ORDER BY year_month DESC LIMIT 1`)).rows as Array<{ year_month: string; content_hash: string; content: { figures: Record<string, { value: string }> } }>;
  const figures = latest ? Object.fromEntries(Object.entries(latest.content.figures).map(([k, v]) => [k, v.value])) : {};
  const [decisions] = (await db.execute(sql`SELECT count(*)::int AS n FROM decisions WHERE kind = 'automated'`)).rows as Array<{ n: number }>;
  const books = (await db.execute(sql`
    SELECT 'accounts' AS k, a.owner_kind || ':' || a.purpose AS name, count(*)::text AS n, sum(a.credits_posted_fen - a.debits_posted_fen)::text AS v FROM ledger_accounts a GROUP BY 1, 2
    UNION ALL SELECT 'loans', status || ':' || delinquency_status, count(*)::text, sum(principal_outstanding_fen)::text FROM loans GROUP BY 1, 2
    UNION ALL SELECT 'listings', status, count(*)::text, sum(funded_fen)::text FROM listings GROUP BY 1, 2
    UNION ALL SELECT 'decisions', outcome, count(*)::text, '' FROM decisions GROUP BY 1, 2
    ORDER BY 1, 2`)).rows;
  return {
    seed: input.options.seed,
    months: input.options.months,
    borrowers: input.options.borrowers,
    investors: input.options.investors,
    seconds: Number(input.seconds.toFixed(1)),
    auditedDays: input.auditedDays,
    stats: input.stats,
    defaultRateByGrade,
    gradesMonotonic,
    latestDisclosure: latest ? { yearMonth: latest.year_month, contentHash: latest.content_hash, figures } : null,
    audit: { ...input.audit, automatedDecisions: decisions?.n ?? 0, method: AUDIT_METHOD },
    phaseSeconds: input.phaseSeconds,
    booksDigest: hashCanonical({ books, disclosures: figures }),
  };
}
