import { and, eq } from 'drizzle-orm';
import type { CoreDeps } from '../db/core-deps';
import { withIdempotency } from '../db/idempotency';
import { manualReviews } from '../db/schema';
import { AppError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { findApplication, findDecision } from './applications-repo';
import type { Reason } from './decide';
import type { RuleResultRecord } from '../rules/evaluate-rule-set';

export interface Explanation {
  reviewId: string;
  status: 'open' | 'decided';
  decisionId: string;
  outcome: string;
  reasons: Array<{ code: string; message: { zh: string; en: string }; source: string }>;
  /** The rules that fired, with the values the applicant's data had. */
  checksFailed: Array<{ rule: string; code: string; values: Array<{ fact: string; value: unknown; threshold: unknown }> }>;
  modelFactors: Array<{ feature: string; message: { zh: string; en: string } }>;
}

/**
 * PIPL 24: the applicant may ask why, and for a human to decide again. The request opens a
 * review in the manual queue (one open request per application) and answers with the
 * explanation the record supports: reasons, failed checks with the values used, model factors.
 */
export async function requestExplanation(deps: Pick<CoreDeps, 'db' | 'clock'>, input: { applicationId: string; requesterId: string; note: string; idempotencyKey: string }): Promise<{ status: number; body: Explanation }> {
  const app = await findApplication(deps.db, input.applicationId);
  if (!app || app.borrowerId !== input.requesterId) throw new AppError('NOT_FOUND', 'no such resource');
  const result = await withIdempotency(deps.db, deps.clock, { scope: `explanation:${input.requesterId}`, key: input.idempotencyKey, request: { applicationId: input.applicationId, note: input.note } }, async (tx) => {
    const decision = await findDecision(tx, app.currentDecisionId);
    if (!decision) throw new AppError('INTERNAL', 'application without a decision');
    const [open] = await tx.select().from(manualReviews).where(and(eq(manualReviews.applicationId, app.id), eq(manualReviews.kind, 'explanation_request'), eq(manualReviews.status, 'open')));
    const reviewId = open?.id ?? newId('rev', deps.clock);
    if (!open) {
      await tx.insert(manualReviews).values({ id: reviewId, applicationId: app.id, kind: 'explanation_request', status: 'open', triggerDecisionId: decision.id, requestedBy: input.requesterId, requestNote: input.note, createdAt: deps.clock.now() });
    }
    const rules = decision.ruleResults as { policy: RuleResultRecord[]; fraud: RuleResultRecord[] };
    const scores = decision.scores as { credit?: { attributions?: Array<{ feature: string; message: { zh: string; en: string } }> } };
    const body: Explanation = {
      reviewId,
      status: 'open',
      decisionId: decision.id,
      outcome: decision.outcome,
      reasons: (decision.reasons as Reason[]).map((r) => ({ code: r.code, message: r.message, source: r.source })),
      checksFailed: [...rules.policy, ...rules.fraud]
        .filter((r) => r.fired)
        .map((r) => ({ rule: r.rule, code: r.code, values: r.conditions.filter((c) => c.result).map((c) => ({ fact: c.fact, value: c.factValue, threshold: c.value })) })),
      modelFactors: (scores.credit?.attributions ?? []).map((a) => ({ feature: a.feature, message: a.message })),
    };
    return { status: 201, body };
  });
  return { status: result.status, body: result.body };
}
