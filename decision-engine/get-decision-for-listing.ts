import type { DbOrTx } from '../db/client';
import { findApplication, findDecision } from './applications-repo';

export interface DecisionForListing {
  applicationId: string;
  decisionId: string;
  borrowerId: string;
  borrowerType: 'individual' | 'company';
  outcome: 'approved' | 'declined' | 'referred' | 'counter_offer';
  offeredAmountFen: bigint;
  grade: string | null;
  pd: number | null;
  aprBps: number | null;
  nominalRateBps: number | null;
  /** 0 when the decision carries no fee (declined / unpriced). */
  upfrontFeeFen: bigint;
  /** Same as offeredAmountFen: the amount a listing may raise. */
  amountFen: bigint;
  termMonths: number;
  repaymentMethod: 'equal_installment' | 'equal_principal' | 'interest_first';
  purpose: string;
  decidedAt: Date;
  /** The validated application body (income, debts, employment, declarations) for disclosures. */
  input: Record<string, unknown>;
  /** The feature snapshot of the automated decision (bureau overdue records, other platforms). */
  features: Record<string, unknown>;
}

/**
 * For the marketplace (a superset of lending/marketplace/decision-source.ts's shape, so it can
 * replace `readDecisionForListing`): the application's current decision, to create a listing from an accepted
 * one (approved, or a counter-offer the borrower accepted). Undefined when there is no such application.
 */
export async function getDecisionForListing(db: DbOrTx, applicationId: string): Promise<DecisionForListing | undefined> {
  const app = await findApplication(db, applicationId);
  if (!app) return undefined;
  const d = (await findDecision(db, app.currentDecisionId))!;
  return {
    applicationId: app.id,
    decisionId: d.id,
    borrowerId: app.borrowerId,
    borrowerType: app.borrowerType,
    outcome: d.outcome,
    offeredAmountFen: d.offeredAmountFen,
    grade: d.grade,
    pd: d.pd,
    aprBps: d.aprBps,
    nominalRateBps: d.nominalRateBps,
    upfrontFeeFen: d.upfrontFeeFen ?? 0n,
    amountFen: d.offeredAmountFen,
    termMonths: app.termMonths,
    repaymentMethod: app.repaymentMethod,
    purpose: app.purpose,
    decidedAt: d.decidedAt,
    input: (app.input ?? {}) as Record<string, unknown>,
    features: (d.features ?? {}) as Record<string, unknown>,
  };
}
