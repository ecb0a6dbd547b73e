import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { decisions, loanApplications, manualReviews } from '../db/schema';
import { toYuanString } from '../kernel/money';
import type { Reason } from './decide';

/** The manual-review queue, oldest first, with what the analyst needs to decide. */
export async function listReviews(db: DbOrTx, status: 'open' | 'decided', limit: number) {
  const rows = await db
    .select({ review: manualReviews, app: loanApplications, decision: decisions })
    .from(manualReviews)
    .innerJoin(loanApplications, eq(loanApplications.id, manualReviews.applicationId))
    .innerJoin(decisions, eq(decisions.id, manualReviews.triggerDecisionId))
    .where(eq(manualReviews.status, status))
    .orderBy(asc(manualReviews.createdAt))
    .limit(limit);
  return rows.map(({ review, app, decision }) => ({
    id: review.id,
    kind: review.kind,
    status: review.status,
    applicationId: app.id,
    requestedAmount: toYuanString(app.amountFen),
    termMonths: app.termMonths,
    purpose: app.purpose,
    automatedOutcome: decision.outcome,
    grade: decision.grade,
    pd: decision.pd,
    limit: toYuanString(decision.limitFen),
    reasons: (decision.reasons as Reason[]).map((r) => ({ code: r.code, message: r.message })),
    requestNote: review.requestNote,
    reviewerId: review.reviewerId,
    outcome: review.outcome,
    note: review.note,
    createdAt: review.createdAt,
    decidedAt: review.decidedAt,
  }));
}
