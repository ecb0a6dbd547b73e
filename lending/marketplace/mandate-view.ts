import { toYuanString } from '../../kernel/money';
import type { Mandate } from './mandates-repo';

/** API shape of a mandate: yuan strings for amounts, fen strings in *Fen fields. */
export function mandateView(m: Mandate) {
  return {
    id: m.id,
    status: m.status,
    grades: m.grades,
    termsMonths: m.termsMonths,
    minAprBps: m.minAprBps,
    amountPerLoan: toYuanString(m.amountPerLoanFen),
    amountPerLoanFen: m.amountPerLoanFen.toString(),
    totalBudget: toYuanString(m.totalBudgetFen),
    totalBudgetFen: m.totalBudgetFen.toString(),
    spent: toYuanString(m.spentFen),
    spentFen: m.spentFen.toString(),
    maxBorrowerShareBps: m.maxBorrowerShareBps,
    lastServedAt: m.lastServedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    revokedAt: m.revokedAt?.toISOString() ?? null,
  };
}
export type MandateView = ReturnType<typeof mandateView>;
