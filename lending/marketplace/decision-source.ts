import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { decisions, loanApplications } from '../../db/schema';

/**
 * What a listing needs from the decision that approved it. Read straight from the decision
 * tables; decision-engine's `getDecisionForListing` can replace `readDecisionForListing` once
 * it exists (same shape, one call site: create-listing.ts).
 */
export interface DecisionForListing {
  applicationId: string;
  decisionId: string;
  borrowerId: string;
  borrowerType: 'individual' | 'company';
  outcome: 'approved' | 'declined' | 'referred' | 'counter_offer';
  grade: string | null;
  pd: number | null;
  aprBps: number | null;
  nominalRateBps: number | null;
  upfrontFeeFen: bigint;
  amountFen: bigint;
  termMonths: number;
  repaymentMethod: 'equal_installment' | 'equal_principal' | 'interest_first';
  purpose: string;
  /** The validated application body (income, debts, employment, declarations). */
  input: Record<string, unknown>;
  features: Record<string, unknown>;
}

export async function readDecisionForListing(db: DbOrTx, applicationId: string): Promise<DecisionForListing | undefined> {
  const [row] = await db
    .select({ app: loanApplications, decision: decisions })
    .from(loanApplications)
    .innerJoin(decisions, eq(decisions.id, loanApplications.currentDecisionId))
    .where(eq(loanApplications.id, applicationId));
  if (!row) return undefined;
  const { app, decision } = row;
  return {
    applicationId: app.id,
    decisionId: decision.id,
    borrowerId: app.borrowerId,
    borrowerType: app.borrowerType,
    outcome: decision.outcome,
    grade: decision.grade,
    pd: decision.pd,
    aprBps: decision.aprBps,
    nominalRateBps: decision.nominalRateBps,
    upfrontFeeFen: decision.upfrontFeeFen ?? 0n,
    amountFen: decision.offeredAmountFen,
    termMonths: app.termMonths,
    repaymentMethod: app.repaymentMethod,
    purpose: app.purpose,
    input: (app.input ?? {}) as Record<string, unknown>,
    features: (decision.features ?? {}) as Record<string, unknown>,
  };
}
