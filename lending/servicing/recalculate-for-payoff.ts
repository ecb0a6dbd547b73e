import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { allocate } from '../../kernel/allocate';
import { daysBetween } from '../../kernel/calendar';
import { roundScheduleFen } from '../schedules';
import { listShares, type InstallmentRow, type LoanRow } from './loans-repo';

/**
 * Early repayment in full on `payOn` (REQUIREMENTS 5: every charge within the cap). The
 * installments already due stay as they are; the current period (the first installment due
 * after `payOn`) takes all principal not yet due, and interest and fee only for the days
 * elapsed in the period (actual days / days in the period, the schedule's rounding rule);
 * the early-repayment fee is added to its fee. Later installments drop to zero. Each
 * investor's share of the current installment becomes their principal not yet due, and the
 * accrued interest is split by those weights.
 */
export async function recalculateForPayoff(tx: Tx, loan: LoanRow, installments: InstallmentRow[], payOn: string, earlyFeeBps: number): Promise<{ earlyFeeFen: bigint; currentNo: number | null }> {
  const current = installments.find((i) => i.dueDate > payOn && i.settledOn === null);
  if (!current) return { earlyFeeFen: 0n, currentNo: null };
  const previousDue = installments.find((i) => i.installmentNo === current.installmentNo - 1)?.dueDate ?? loan.startDate;
  const later = installments.filter((i) => i.installmentNo > current.installmentNo);
  const notYetDuePrincipal = [current, ...later].reduce((a, i) => a + i.principalFen - i.principalPaidFen, 0n);
  const elapsed = BigInt(Math.max(0, daysBetween(previousDue, payOn)));
  const periodDays = BigInt(Math.max(1, daysBetween(previousDue, current.dueDate)));
  const accruedInterest = roundScheduleFen(current.interestFen * elapsed, periodDays);
  const laterPrincipal = notYetDuePrincipal - (current.principalFen - current.principalPaidFen);
  const earlyFeeFen = roundScheduleFen(laterPrincipal * BigInt(earlyFeeBps), 10_000n);
  const accruedFee = roundScheduleFen(current.feeFen * elapsed, periodDays) + earlyFeeFen;

  await tx.execute(sql`
    UPDATE loan_installments SET principal_fen = principal_paid_fen + ${notYetDuePrincipal}::bigint,
           interest_fen = greatest(interest_paid_fen, ${accruedInterest}::bigint), fee_fen = greatest(fee_paid_fen, ${accruedFee}::bigint)
     WHERE loan_id = ${loan.id} AND installment_no = ${current.installmentNo}`);
  await tx.execute(sql`
    UPDATE loan_installments SET principal_fen = principal_paid_fen, interest_fen = interest_paid_fen, fee_fen = fee_paid_fen, settled_on = ${payOn}::date
     WHERE loan_id = ${loan.id} AND installment_no > ${current.installmentNo}`);

  const shares = (await listShares(tx, loan.id)).filter((s) => s.installmentNo >= current.installmentNo);
  const byInvestor = new Map<string, bigint>();
  for (const s of shares) byInvestor.set(s.investorId, (byInvestor.get(s.investorId) ?? 0n) + s.principalFen - s.principalPaidFen);
  const investors = [...byInvestor.keys()].sort();
  const weights = investors.map((id) => byInvestor.get(id)!);
  const interestParts = weights.some((w) => w > 0n) ? allocate(accruedInterest, weights) : weights.map(() => 0n);
  if (investors.length > 0) {
    const values = sql.join(investors.map((id, k) => sql`(${id}, ${weights[k]!}::bigint, ${interestParts[k]!}::bigint)`), sql`, `);
    await tx.execute(sql`
      UPDATE installment_shares s SET principal_fen = s.principal_paid_fen + v.p, interest_fen = greatest(s.interest_paid_fen, v.i)
        FROM (VALUES ${values}) AS v(inv, p, i)
       WHERE s.loan_id = ${loan.id} AND s.installment_no = ${current.installmentNo} AND s.investor_id = v.inv`);
  }
  await tx.execute(sql`
    UPDATE installment_shares SET principal_fen = principal_paid_fen, interest_fen = interest_paid_fen
     WHERE loan_id = ${loan.id} AND installment_no > ${current.installmentNo}`);
  return { earlyFeeFen, currentNo: current.installmentNo };
}
