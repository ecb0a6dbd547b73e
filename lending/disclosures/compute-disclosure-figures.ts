import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { divRound } from '../../kernel/money';
import type { DisclosureKey } from './disclosure-formulas';

export type Ratio = { numerator: bigint; denominator: bigint };
export type FigureValues = Record<DisclosureKey, bigint | Ratio>;

/**
 * Computes every figure of the disclosure table as of T from the books (loans, installments,
 * repayment parts and distributions), set-based: one pass builds each loan's position at T into
 * a temporary table, then each figure is one aggregate over it. Runs inside the
 * caller's transaction (the temp table is dropped at commit).
 */
export async function computeDisclosureFigures(tx: Tx, asOf: string, monthStart: string): Promise<FigureValues> {
  // Position at T = position now + what was paid after T. Installments settled on or before T
  // owe nothing at T, so only the others are read, and only payments after T are added back:
  // the job runs days after T, so both sets are small next to the book.
  // A batch job over the whole book: give its sorts and hashes room instead of spilling to disk.
  await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
  await tx.execute(sql`
    CREATE TEMP TABLE disc_loan ON COMMIT DROP AS
    WITH after_t AS (SELECT p.loan_id, p.installment_no, sum(p.principal_fen) AS p, sum(p.interest_fen) AS i
                       FROM repayment_parts p WHERE p.paid_on > ${asOf}::date GROUP BY 1, 2),
    inst AS (SELECT i.loan_id, i.due_date, i.principal_fen - i.principal_paid_fen + coalesce(a.p, 0) AS pu,
                    i.interest_fen - i.interest_paid_fen + coalesce(a.i, 0) AS iu
               FROM loan_installments i
               LEFT JOIN after_t a ON a.loan_id = i.loan_id AND a.installment_no = i.installment_no
              WHERE i.settled_on IS NULL OR i.settled_on > ${asOf}::date),
    pl AS (SELECT loan_id, sum(pu) AS op, sum(iu) AS oi,
                  coalesce(sum(pu + iu) FILTER (WHERE due_date < ${asOf}::date), 0) AS overdue,
                  min(due_date) FILTER (WHERE due_date < ${asOf}::date AND pu + iu > 0) AS oldest
             FROM inst GROUP BY loan_id)
    SELECT l.id, l.borrower_id, l.principal_fen, l.related_party, l.start_date, coalesce(pl.op, 0) AS op,
           CASE WHEN pl.op > 0 THEN pl.oi ELSE 0 END AS oi, coalesce(pl.overdue, 0) AS overdue,
           CASE WHEN pl.oldest IS NULL THEN 0 ELSE ${asOf}::date - pl.oldest END AS dpd
      FROM loans l LEFT JOIN pl ON pl.loan_id = l.id
     WHERE l.start_date <= ${asOf}::date`);
  // Per investor, straight from the holdings (regular tables, so the scan can run in parallel).
  await tx.execute(sql`
    CREATE TEMP TABLE disc_lender ON COMMIT DROP AS
    SELECT h.investor_id, sum(h.outstanding_principal_fen + coalesce(d.p, 0)) AS op, bool_or(l.start_date >= ${monthStart}::date) AS in_month
      FROM loan_holdings h JOIN loans l ON l.id = h.loan_id
      LEFT JOIN (SELECT loan_id, investor_id, sum(principal_fen) AS p FROM repayment_distributions WHERE paid_on > ${asOf}::date GROUP BY 1, 2) d
        ON d.loan_id = h.loan_id AND d.investor_id = h.investor_id
     WHERE l.start_date <= ${asOf}::date
     GROUP BY h.investor_id`);
  await tx.execute(sql`
    CREATE TEMP TABLE disc_borrower ON COMMIT DROP AS
    SELECT borrower_id, sum(op) AS op, bool_or(start_date >= ${monthStart}::date) AS in_month FROM disc_loan GROUP BY borrower_id`);

  const [a] = (await tx.execute<Record<string, bigint>>(sql`
    SELECT coalesce(sum(principal_fen), 0)::bigint AS cum_fen, count(*)::bigint AS cum_n,
           coalesce(sum(op), 0)::bigint AS op, count(*) FILTER (WHERE op > 0)::bigint AS op_n, coalesce(sum(oi), 0)::bigint AS oi,
           coalesce(sum(op) FILTER (WHERE related_party), 0)::bigint AS rp, count(*) FILTER (WHERE related_party AND op > 0)::bigint AS rp_n,
           coalesce(sum(overdue), 0)::bigint AS od, count(*) FILTER (WHERE dpd > 0)::bigint AS od_n,
           coalesce(sum(op) FILTER (WHERE dpd > 90), 0)::bigint AS o90, count(*) FILTER (WHERE dpd > 90)::bigint AS o90_n,
           count(*) FILTER (WHERE dpd BETWEEN 1 AND 90)::bigint AS b1_n, count(*) FILTER (WHERE dpd BETWEEN 91 AND 180)::bigint AS b2_n, count(*) FILTER (WHERE dpd > 180)::bigint AS b3_n,
           coalesce(sum(overdue) FILTER (WHERE dpd BETWEEN 1 AND 90), 0)::bigint AS b1, coalesce(sum(overdue) FILTER (WHERE dpd BETWEEN 91 AND 180), 0)::bigint AS b2,
           coalesce(sum(overdue) FILTER (WHERE dpd > 180), 0)::bigint AS b3
      FROM disc_loan`)).rows as Array<Record<string, bigint>>;
  const [b] = (await tx.execute(sql`
    SELECT count(*)::bigint AS cum_b, count(*) FILTER (WHERE in_month)::bigint AS per_b, count(*) FILTER (WHERE op > 0)::bigint AS cur_b,
           (SELECT coalesce(sum(op), 0) FROM (SELECT op FROM disc_borrower WHERE op > 0 ORDER BY op DESC LIMIT 10) t)::bigint AS top10,
           coalesce(max(op), 0)::bigint AS top1
      FROM disc_borrower`)).rows as Array<Record<string, bigint>>;
  const [c] = (await tx.execute(sql`
    SELECT count(*)::bigint AS cum_l, count(*) FILTER (WHERE in_month)::bigint AS per_l, count(*) FILTER (WHERE op > 0)::bigint AS cur_l,
           coalesce(sum(op), 0)::bigint AS total, coalesce(max(op), 0)::bigint AS top1,
           (SELECT coalesce(sum(op), 0) FROM (SELECT op FROM disc_lender WHERE op > 0 ORDER BY op DESC LIMIT 10) t)::bigint AS top10
      FROM disc_lender`)).rows as Array<Record<string, bigint>>;
  const [d] = (await tx.execute(sql`
    SELECT coalesce(sum(amount_fen), 0)::bigint AS comp, count(*)::bigint AS comp_n
      FROM loan_repayments WHERE kind = 'compensation' AND paid_on <= ${asOf}::date`)).rows as Array<Record<string, bigint>>;

  const r = (numerator: bigint, denominator: bigint): Ratio => ({ numerator, denominator });
  const opi = a!.op! + a!.oi!;
  return {
    cumulativeLendingFen: a!.cum_fen!,
    cumulativeLendingCount: a!.cum_n!,
    outstandingPrincipalFen: a!.op!,
    outstandingLoanCount: a!.op_n!,
    outstandingInterestFen: a!.oi!,
    cumulativeLenders: c!.cum_l!,
    cumulativeBorrowers: b!.cum_b!,
    lendersThisPeriod: c!.per_l!,
    borrowersThisPeriod: b!.per_b!,
    currentLenders: c!.cur_l!,
    currentBorrowers: b!.cur_b!,
    top10BorrowersShare: r(b!.top10!, a!.op!),
    largestBorrowerShare: r(b!.top1!, a!.op!),
    largestLenderShare: r(c!.top1!, c!.total!),
    top10LendersShare: r(c!.top10!, c!.total!),
    relatedPartyOutstandingFen: a!.rp!,
    relatedPartyLoanCount: a!.rp_n!,
    overdueAmountFen: a!.od!,
    overdueLoanCount: a!.od_n!,
    over90OverdueAmountFen: a!.o90!,
    over90OverdueLoanCount: a!.o90_n!,
    cumulativeCompensationFen: d!.comp!,
    cumulativeCompensationCount: d!.comp_n!,
    projectOverdueRate: r(a!.od_n!, a!.op_n!),
    amountOverdueRate: r(a!.od!, opi),
    projectOverdueRateUpTo90: r(a!.b1_n!, a!.op_n!),
    projectOverdueRate91To180: r(a!.b2_n!, a!.op_n!),
    projectOverdueRateOver180: r(a!.b3_n!, a!.op_n!),
    amountOverdueRateUpTo90: r(a!.b1!, opi),
    amountOverdueRate91To180: r(a!.b2!, opi),
    amountOverdueRateOver180: r(a!.b3!, opi),
    perCapitaBorrowingFen: b!.cum_b! === 0n ? 0n : divRound(a!.cum_fen!, b!.cum_b!),
    perCapitaLendingFen: c!.cum_l! === 0n ? 0n : divRound(a!.cum_fen!, c!.cum_l!),
  };
}
