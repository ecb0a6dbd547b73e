/** Analysts' scoring overview from the decisions table: volumes, approval rate, PD histogram, grade and outcome mix. */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { decisions } from '../../db/schema';

type Outcome = 'approved' | 'counter_offer' | 'referred' | 'declined';
const BINS = 20;

export interface ScoringOverview {
  from: string;
  to: string;
  total: number;
  approvalRate: number | null;
  perDay: Array<{ date: string; decisions: number; approvalRate: number; outcomes: Record<Outcome, number> }>;
  pdHistogram: Array<{ lower: number; upper: number; count: number }>;
  gradeMix: Array<{ grade: string; count: number; share: number }>;
}

export async function scoringOverview(db: DbOrTx, input: { from: Date; to: Date }): Promise<ScoringOverview> {
  const where = and(eq(decisions.kind, 'automated'), gte(decisions.decidedAt, input.from), lt(decisions.decidedAt, input.to));
  const day = sql<string>`to_char(${decisions.decidedAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const [byDay, hist, grades] = await Promise.all([
    db.select({ date: day, outcome: decisions.outcome, n: sql<number>`count(*)::int` }).from(decisions).where(where).groupBy(day, decisions.outcome).orderBy(day),
    db.select({ bin: sql<number>`least(floor(${decisions.pd} * ${BINS}), ${BINS - 1})::int`, n: sql<number>`count(*)::int` }).from(decisions).where(and(where, sql`${decisions.pd} is not null`)).groupBy(sql`1`),
    db.select({ grade: sql<string>`coalesce(${decisions.grade}, 'none')`, n: sql<number>`count(*)::int` }).from(decisions).where(where).groupBy(sql`1`).orderBy(sql`1`),
  ]);
  const days = new Map<string, Record<Outcome, number>>();
  for (const r of byDay) {
    const o = days.get(r.date) ?? { approved: 0, counter_offer: 0, referred: 0, declined: 0 };
    o[r.outcome] += r.n;
    days.set(r.date, o);
  }
  const approvedOf = (o: Record<string, number>) => (o.approved ?? 0) + (o.counter_offer ?? 0);
  const perDay = [...days.entries()].map(([date, outcomes]) => {
    const n = Object.values(outcomes).reduce((s, v) => s + v, 0);
    return { date, decisions: n, approvalRate: approvedOf(outcomes) / n, outcomes };
  });
  const total = perDay.reduce((s, d) => s + d.decisions, 0);
  const approved = perDay.reduce((s, d) => s + approvedOf(d.outcomes), 0);
  const counts = new Map(hist.map((h) => [h.bin, h.n]));
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    total,
    approvalRate: total ? approved / total : null,
    perDay,
    pdHistogram: Array.from({ length: BINS }, (_, b) => ({ lower: b / BINS, upper: (b + 1) / BINS, count: counts.get(b) ?? 0 })),
    gradeMix: grades.map((g) => ({ grade: g.grade, count: g.n, share: total ? g.n / total : 0 })),
  };
}
