import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import { chinaDate } from '../../kernel/calendar';
import { xirr, type DatedFlow } from './xirr';

/**
 * An investor's portfolio: each holding with what was received, what is still due (not yet due)
 * and what is overdue, from their exact installment shares; and the portfolio XIRR of the actual
 * cash flows (each holding's principal out at the loan's start, every distribution in on its
 * date), valuing principal still outstanding on performing loans at par today.
 */
export async function getInvestorPortfolio(db: DbOrTx, clock: Clock, investorId: string) {
  const today = chinaDate(clock.now());
  const holdings = (
    await db.execute<{ loan_id: string; grade: string; status: string; delinquency_status: string; start_date: string; principal_fen: bigint; outstanding_principal_fen: bigint; received_principal_fen: bigint; received_interest_fen: bigint; received_penalty_fen: bigint; due_fen: bigint; overdue_fen: bigint }>(sql`
      SELECT h.loan_id, l.grade, l.status, l.delinquency_status, to_char(l.start_date, 'YYYY-MM-DD') AS start_date, h.principal_fen, h.outstanding_principal_fen,
             h.received_principal_fen, h.received_interest_fen, h.received_penalty_fen,
             coalesce(sum(s.principal_fen - s.principal_paid_fen + s.interest_fen - s.interest_paid_fen) FILTER (WHERE i.due_date >= ${today}::date), 0)::bigint AS due_fen,
             coalesce(sum(s.principal_fen - s.principal_paid_fen + s.interest_fen - s.interest_paid_fen) FILTER (WHERE i.due_date < ${today}::date), 0)::bigint AS overdue_fen
        FROM loan_holdings h JOIN loans l ON l.id = h.loan_id
        LEFT JOIN installment_shares s ON s.loan_id = h.loan_id AND s.investor_id = h.investor_id
        LEFT JOIN loan_installments i ON i.loan_id = s.loan_id AND i.installment_no = s.installment_no
       WHERE h.investor_id = ${investorId}
       GROUP BY h.loan_id, l.grade, l.status, l.delinquency_status, l.start_date, h.principal_fen, h.outstanding_principal_fen, h.received_principal_fen, h.received_interest_fen, h.received_penalty_fen
       ORDER BY l.start_date, h.loan_id`)
  ).rows;
  const received = (
    await db.execute<{ paid_on: string; amount_fen: bigint }>(sql`
      SELECT to_char(paid_on, 'YYYY-MM-DD') AS paid_on, sum(principal_fen + interest_fen + penalty_fen)::bigint AS amount_fen
        FROM repayment_distributions WHERE investor_id = ${investorId} GROUP BY paid_on`)
  ).rows;
  const flows: DatedFlow[] = [
    ...holdings.map((h) => ({ date: h.start_date, amountFen: -h.principal_fen })),
    ...received.map((r) => ({ date: r.paid_on, amountFen: r.amount_fen })),
    ...holdings.filter((h) => h.status === 'active' && h.delinquency_status !== 'default' && h.outstanding_principal_fen > 0n).map((h) => ({ date: today, amountFen: h.outstanding_principal_fen })),
  ];
  let portfolioXirr: number | null = null;
  try {
    portfolioXirr = flows.length > 1 ? xirr(flows) : null;
  } catch {
    portfolioXirr = null; // no inflow yet (or no sign change): undefined, not zero
  }
  const sum = (f: (h: (typeof holdings)[number]) => bigint) => holdings.reduce((a, h) => a + f(h), 0n);
  return {
    holdings: holdings.map((h) => ({
      loanId: h.loan_id,
      grade: h.grade,
      status: h.status,
      delinquencyStatus: h.delinquency_status,
      principalFen: h.principal_fen,
      outstandingPrincipalFen: h.outstanding_principal_fen,
      receivedFen: h.received_principal_fen + h.received_interest_fen + h.received_penalty_fen,
      dueFen: h.due_fen,
      overdueFen: h.overdue_fen,
    })),
    totals: {
      investedFen: sum((h) => h.principal_fen),
      outstandingPrincipalFen: sum((h) => h.outstanding_principal_fen),
      receivedFen: sum((h) => h.received_principal_fen + h.received_interest_fen + h.received_penalty_fen),
      dueFen: sum((h) => h.due_fen),
      overdueFen: sum((h) => h.overdue_fen),
    },
    xirr: portfolioXirr,
  };
}
