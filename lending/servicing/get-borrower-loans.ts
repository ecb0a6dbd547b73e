import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { loanInstallments, loans } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { chinaDate } from '../../kernel/calendar';

/** A borrower's loans with their schedules and what is due now (arrears + today's installment). */
export async function getBorrowerLoans(db: DbOrTx, clock: Clock, borrowerId: string) {
  const today = chinaDate(clock.now());
  const mine = await db.select().from(loans).where(eq(loans.borrowerId, borrowerId)).orderBy(asc(loans.startDate));
  if (mine.length === 0) return [];
  const installments = await db.select().from(loanInstallments).where(inArray(loanInstallments.loanId, mine.map((l) => l.id))).orderBy(asc(loanInstallments.installmentNo));
  return mine.map((loan) => {
    const schedule = installments.filter((i) => i.loanId === loan.id).map((i) => {
      const owedFen = i.principalFen - i.principalPaidFen + i.interestFen - i.interestPaidFen + i.feeFen - i.feePaidFen + i.penaltyAccruedFen - i.penaltyPaidFen;
      return { installmentNo: i.installmentNo, dueDate: i.dueDate, principalFen: i.principalFen, interestFen: i.interestFen, feeFen: i.feeFen, penaltyFen: i.penaltyAccruedFen, owedFen, settledOn: i.settledOn };
    });
    const dueNowFen = schedule.filter((i) => i.dueDate <= today).reduce((a, i) => a + i.owedFen, 0n);
    const next = schedule.find((i) => i.dueDate > today && i.owedFen > 0n) ?? null;
    return {
      id: loan.id,
      status: loan.status,
      delinquencyStatus: loan.delinquencyStatus,
      daysPastDue: loan.daysPastDue,
      principalFen: loan.principalFen,
      principalOutstandingFen: loan.principalOutstandingFen,
      aprBps: loan.aprBps,
      annualRateBps: loan.annualRateBps,
      repaymentMethod: loan.repaymentMethod,
      startDate: loan.startDate,
      maturityDate: loan.maturityDate,
      dueNowFen,
      next,
      schedule,
    };
  });
}
