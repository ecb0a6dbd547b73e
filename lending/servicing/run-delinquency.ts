import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { delinquencyRuns } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { parseIsoDate } from '../../kernel/calendar';
import type { ServicingPolicy } from './servicing-policy';

export interface DelinquencyRunResult {
  businessDate: string;
  transitions: number;
  penaltyAccruedFen: bigint;
  labelsWritten: number;
  replayed: boolean;
}

/**
 * The daily delinquency job (REQUIREMENTS 24), set-based so it scales to 10^6 loans:
 * 1. late charges accrue on each overdue installment's unpaid principal for the days since
 *    they were last accrued: principal × penalty_rate_bps × days / (10000 × 365), rounded half
 *    up (penalty_rate_bps = cap − contract rate − fee, fixed at origination: within the cap);
 * 2. days past due = business date − due date of the oldest unsettled installment (0 if not
 *    yet due); the status follows the policy's thresholds; each change is one append-only
 *    transition row; loans reaching `chargeOffAfterDays` are charged off;
 * 3. outcome labels for retraining: bad once 90+ days past due (≥ 90) within the horizon
 *    (12 months from the start), good once the horizon passes or the loan is repaid first;
 * 4. collection cases open for loans past due, follow their stage, close when cured.
 * One run per business date (delinquency_runs), so a redelivered job does nothing.
 */
export async function runDelinquency(deps: { db: Db; clock: Clock; policy: ServicingPolicy }, input: { businessDate: string }): Promise<DelinquencyRunResult> {
  const d = input.businessDate;
  parseIsoDate(d);
  const p = deps.policy;
  return deps.db.transaction(async (tx) => {
    const [done] = await tx.select().from(delinquencyRuns).where(eq(delinquencyRuns.businessDate, d));
    if (done) return { businessDate: d, transitions: done.transitions, penaltyAccruedFen: done.penaltyAccruedFen, labelsWritten: done.labelsWritten, replayed: true };
    // Serialise runs: two workers on different dates must not interleave their updates.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(4242071)`);
    await tx.execute(sql`SET LOCAL work_mem = '256MB'`);

    const accrued = await tx.execute<{ total: bigint | null }>(sql`
      WITH v AS (
        SELECT i.loan_id, i.installment_no,
               ((i.principal_fen - i.principal_paid_fen) * l.penalty_rate_bps * (${d}::date - coalesce(i.penalty_accrued_through, i.due_date)) * 2 + 3650000) / 7300000 AS delta
          FROM loan_installments i JOIN loans l ON l.id = i.loan_id
         WHERE l.status = 'active' AND i.settled_on IS NULL AND i.due_date < ${d}::date
           AND i.principal_fen > i.principal_paid_fen AND coalesce(i.penalty_accrued_through, i.due_date) < ${d}::date
      ), acc AS (
        UPDATE loan_installments i SET penalty_accrued_fen = i.penalty_accrued_fen + v.delta, penalty_accrued_through = ${d}::date
          FROM v WHERE i.loan_id = v.loan_id AND i.installment_no = v.installment_no
        RETURNING v.delta
      ) SELECT sum(delta)::bigint AS total FROM acc`);

    const moved = await tx.execute<{ n: bigint }>(sql`
      WITH c AS (
        SELECT l.id, l.delinquency_status AS old_status,
               CASE WHEN l.oldest_unpaid_due_date < ${d}::date THEN ${d}::date - l.oldest_unpaid_due_date ELSE 0 END AS dpd
          FROM loans l
         WHERE l.status IN ('active', 'repaid') AND (l.oldest_unpaid_due_date < ${d}::date OR l.days_past_due > 0 OR l.delinquency_status <> 'current')
      ), s AS (
        SELECT c.*, CASE
            WHEN c.dpd = 0 THEN 'current'
            WHEN c.dpd <= ${p.graceMaxDays} THEN 'grace'
            WHEN c.dpd <= ${p.late16To30MaxDays} THEN 'late_16_30'
            WHEN c.dpd <= ${p.late31To90MaxDays} THEN 'late_31_90'
            WHEN c.dpd < ${p.defaultAfterDays} THEN 'over_90'
            WHEN c.dpd < ${p.chargeOffAfterDays} THEN 'default'
            ELSE 'charged_off' END AS new_status
          FROM c
      ), upd AS (
        UPDATE loans l
           SET days_past_due = s.dpd, delinquency_status = s.new_status,
               status = CASE WHEN s.new_status = 'charged_off' THEN 'charged_off' ELSE l.status END,
               closed_on = CASE WHEN s.new_status = 'charged_off' THEN ${d}::date ELSE l.closed_on END,
               first_dpd30_on = coalesce(l.first_dpd30_on, CASE WHEN s.dpd >= 30 THEN l.oldest_unpaid_due_date + 30 END),
               first_dpd90_on = coalesce(l.first_dpd90_on, CASE WHEN s.dpd >= 90 THEN l.oldest_unpaid_due_date + 90 END)
          FROM s
         WHERE l.id = s.id AND (l.days_past_due <> s.dpd OR l.delinquency_status <> s.new_status)
        RETURNING l.id, s.old_status, s.new_status, s.dpd
      ), ins AS (
        INSERT INTO delinquency_transitions (loan_id, business_date, from_status, to_status, days_past_due)
        SELECT id, ${d}::date, old_status, new_status, dpd FROM upd WHERE old_status <> new_status
        RETURNING 1
      ) SELECT count(*)::bigint AS n FROM ins`);

    const labels = await tx.execute<{ n: bigint }>(sql`
      WITH lab AS (
        UPDATE loans l
           SET outcome_label = CASE WHEN l.first_dpd90_on IS NOT NULL AND l.first_dpd90_on <= (l.start_date + make_interval(months => ${p.labelHorizonMonths}))::date THEN 'bad' ELSE 'good' END
         WHERE l.outcome_label IS NULL
           AND ((l.first_dpd90_on IS NOT NULL AND l.first_dpd90_on <= (l.start_date + make_interval(months => ${p.labelHorizonMonths}))::date)
                OR (l.start_date + make_interval(months => ${p.labelHorizonMonths}))::date <= ${d}::date
                OR l.status = 'repaid')
        RETURNING l.application_id, l.outcome_label
      ), ins AS (
        INSERT INTO outcome_labels (application_id, label, observed_at)
        SELECT application_id, outcome_label, ${deps.clock.now()} FROM lab WHERE application_id IS NOT NULL RETURNING 1
      ) SELECT count(*)::bigint AS n FROM ins`);

    await tx.execute(sql`
      INSERT INTO collection_cases (id, loan_id, debtor_id, stage, status, opened_at, updated_at)
      SELECT 'col_' || l.id, l.id, l.borrower_id, 'soft', 'open', ${deps.clock.now()}, ${deps.clock.now()}
        FROM loans l WHERE l.status = 'active' AND l.days_past_due > 0
         AND NOT EXISTS (SELECT 1 FROM collection_cases c WHERE c.loan_id = l.id AND c.status = 'open')
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      UPDATE collection_cases c
         SET stage = CASE WHEN l.days_past_due = 0 THEN c.stage WHEN l.days_past_due <= 3 THEN 'soft' WHEN l.days_past_due <= 30 THEN 'calls'
                          WHEN l.days_past_due <= 90 THEN 'formal' ELSE 'legal' END,
             status = CASE WHEN l.days_past_due = 0 THEN 'closed' ELSE 'open' END,
             updated_at = ${deps.clock.now()}
        FROM loans l
       WHERE c.loan_id = l.id AND c.status = 'open'`);

    // Investors hear about serious arrears on loans they hold (one notice per loan, investor and day).
    await tx.execute(sql`
      INSERT INTO notifications (id, user_id, business_key, kind, loan_id, title, data, created_at)
      SELECT 'ntf_dlq_' || md5(t.loan_id || h.investor_id || ${d}), h.investor_id, 'delinquency:' || t.loan_id || ':' || h.investor_id || ':' || ${d},
             'loan_delinquency', t.loan_id, 'A loan you hold is overdue', jsonb_build_object('status', t.to_status, 'daysPastDue', t.days_past_due), ${deps.clock.now()}
        FROM delinquency_transitions t JOIN loan_holdings h ON h.loan_id = t.loan_id
       WHERE t.business_date = ${d}::date AND t.to_status IN ('late_31_90', 'over_90', 'default', 'charged_off')
      ON CONFLICT DO NOTHING`);
    const result = {
      businessDate: d,
      transitions: Number(moved.rows[0]?.n ?? 0n),
      penaltyAccruedFen: accrued.rows[0]?.total ?? 0n,
      labelsWritten: Number(labels.rows[0]?.n ?? 0n),
    };
    await tx.insert(delinquencyRuns).values({ ...result, ranAt: deps.clock.now() });
    return { ...result, replayed: false };
  });
}
