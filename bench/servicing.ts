import { sql } from 'drizzle-orm';
import { createTestDatabase, dropTestDatabase } from '../db/testing/fixture';
import { SimulatedClock } from '../kernel/clock';
import { publishMonthlyDisclosure } from '../lending/disclosures/publish-monthly-disclosure';
import { runDelinquency } from '../lending/servicing/run-delinquency';
import { DEFAULT_SERVICING_POLICY } from '../lending/servicing/servicing-policy';

/**
 * `npm run bench -- servicing`: the daily delinquency job and the monthly disclosure job on a
 * generated book (default 10^6 loans; BENCH_SERVICING_LOANS overrides), in seconds. The book is
 * built set-based on a fresh database: loans started over 18 months, 6- and 12-month equal
 * principal schedules, 95% paying on time, 5% stopping after 0–3 installments, two investors
 * per loan, a repayment part per paid installment. Targets: delinquency ≤ 60 s, disclosure ≤ 30 s.
 */
const DAY_BEFORE = '2026-10-31';
const BUSINESS_DATE = '2026-11-01';

export async function run(): Promise<Record<string, unknown>> {
  const loans = Number(process.env.BENCH_SERVICING_LOANS ?? 1_000_000);
  const database = await createTestDatabase();
  const q = (text: string) => database.db.execute(sql.raw(text));
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await fn();
    return [result, Number(((performance.now() - started) / 1000).toFixed(2))];
  };
  try {
    const [, generateSeconds] = await timed(async () => {
      await q(`SET work_mem = '256MB'`);
      await q(`INSERT INTO loans (id, listing_id, borrower_id, principal_fen, term_months, annual_rate_bps, platform_fee_bps, apr_bps, rate_cap_bps, penalty_rate_bps,
                 repayment_method, grade, pd, start_date, maturity_date, status, principal_outstanding_fen, interest_outstanding_fen, related_party, funded_at)
               SELECT 'L' || g, 'S' || g, 'B' || (g % 400000), 500000 + (g::bigint * 7919) % 9500000, CASE WHEN g % 2 = 0 THEN 6 ELSE 12 END, 1000, 0, 1000, 1540, 540,
                      'equal_principal', (ARRAY['A1','A2','B1','B2','C1','C2','D1','E1'])[1 + g % 8], 0.01 + (g % 8) * 0.015,
                      '2025-05-01'::date + (g % 540), ('2025-05-01'::date + (g % 540) + make_interval(months => CASE WHEN g % 2 = 0 THEN 6 ELSE 12 END))::date,
                      'active', 0, 0, g % 97 = 0, ('2025-05-01'::date + (g % 540))::timestamptz
                 FROM generate_series(1, ${loans}) g`);
      await q(`INSERT INTO loan_installments (loan_id, installment_no, due_date, principal_fen, interest_fen, fee_fen, principal_paid_fen, interest_paid_fen, settled_on)
               SELECT s.loan_id, s.k, s.due, s.p, s.i, 0, CASE WHEN s.paid THEN s.p ELSE 0 END, CASE WHEN s.paid THEN s.i ELSE 0 END, CASE WHEN s.paid THEN s.due END
                 FROM (SELECT l.id AS loan_id, k, (l.start_date + make_interval(months => k))::date AS due,
                              CASE WHEN k < l.term_months THEN l.principal_fen / l.term_months ELSE l.principal_fen - (l.principal_fen / l.term_months) * (l.term_months - 1) END AS p,
                              ((l.principal_fen - (l.principal_fen / l.term_months) * (k - 1)) * 1000 * 2 + 120000) / 240000 AS i,
                              (l.start_date + make_interval(months => k))::date < '${DAY_BEFORE}'::date AND (l.principal_fen % 20 <> 0 OR k <= l.principal_fen % 4) AS paid
                         FROM loans l CROSS JOIN LATERAL generate_series(1, l.term_months) k) s`);
      await q(`INSERT INTO repayment_parts (repayment_id, loan_id, installment_no, principal_fen, interest_fen, fee_fen, penalty_fen, paid_on)
               SELECT 'R' || loan_id || '-' || installment_no, loan_id, installment_no, principal_paid_fen, interest_paid_fen, 0, 0, settled_on
                 FROM loan_installments WHERE settled_on IS NOT NULL`);
      await q(`UPDATE loans l SET principal_outstanding_fen = a.p, interest_outstanding_fen = a.i, oldest_unpaid_due_date = a.oldest,
                      status = CASE WHEN a.oldest IS NULL THEN 'repaid' ELSE 'active' END
                 FROM (SELECT loan_id, sum(principal_fen - principal_paid_fen) AS p, sum(interest_fen - interest_paid_fen) AS i, min(due_date) FILTER (WHERE settled_on IS NULL) AS oldest
                         FROM loan_installments GROUP BY loan_id) a WHERE a.loan_id = l.id`);
      await q(`INSERT INTO loan_holdings (loan_id, investor_id, principal_fen, outstanding_principal_fen)
               SELECT id, 'I' || (hashtext(id) & 65535), principal_fen / 2, principal_outstanding_fen / 2 FROM loans
               UNION ALL SELECT id, 'J' || (hashtext(id || 'j') & 65535), principal_fen - principal_fen / 2, principal_outstanding_fen - principal_outstanding_fen / 2 FROM loans`);
      await q(`VACUUM ANALYZE`);
    });
    const countRow = (await q(`SELECT (SELECT count(*) FROM loans) AS loans, (SELECT count(*) FROM loan_installments) AS installments,
                                    (SELECT count(*) FROM repayment_parts) AS parts, (SELECT count(*) FROM loans WHERE oldest_unpaid_due_date < '${BUSINESS_DATE}') AS overdue`)).rows[0] as Record<string, bigint>;
    const counts = Object.fromEntries(Object.entries(countRow).map(([k, v]) => [k, Number(v)]));

    const clock = new SimulatedClock(`${DAY_BEFORE}T17:00:00Z`);
    const deps = { db: database.db, clock, policy: DEFAULT_SERVICING_POLICY };
    // The first run catches up on the whole history (every overdue loan changes status, late
    // charges accrue from each due date); the next is the steady daily run that is the target.
    const [catchUp, catchUpSeconds] = await timed(() => runDelinquency(deps, { businessDate: DAY_BEFORE }));
    clock.set(`${BUSINESS_DATE}T17:00:00Z`);
    const [daily, dailySeconds] = await timed(() => runDelinquency(deps, { businessDate: BUSINESS_DATE }));
    clock.set('2026-11-02T02:00:00Z');
    const [disclosure, disclosureSeconds] = await timed(() => publishMonthlyDisclosure(deps, { yearMonth: '2026-10' }));
    const figures = (disclosure.snapshot.content as { figures: Record<string, { value: string }> }).figures;
    return {
      book: { ...counts, generateSeconds },
      delinquencyCatchUpSeconds: catchUpSeconds,
      delinquencyCatchUp: { transitions: catchUp.transitions, penaltyAccruedFen: catchUp.penaltyAccruedFen.toString(), labelsWritten: catchUp.labelsWritten },
      delinquencyDailySeconds: dailySeconds,
      delinquencyDaily: { transitions: daily.transitions, penaltyAccruedFen: daily.penaltyAccruedFen.toString() },
      monthlyDisclosureSeconds: disclosureSeconds,
      disclosureSample: { outstandingLoanCount: figures.outstandingLoanCount?.value, overdueLoanCount: figures.overdueLoanCount?.value, projectOverdueRate: figures.projectOverdueRate?.value },
      targets: { delinquencySeconds: 60, disclosureSeconds: 30 },
    };
  } finally {
    // BENCH_SERVICING_KEEP=1 keeps the generated book for EXPLAIN ANALYZE (its name is printed).
    if (process.env.BENCH_SERVICING_KEEP === '1') {
      console.error(`[bench] servicing book kept in database ${database.name}`);
      await database.close();
    } else await dropTestDatabase(database);
  }
}
