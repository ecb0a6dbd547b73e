import { eq } from 'drizzle-orm';
import type { CoreDeps } from '../db/core-deps';
import { withIdempotency } from '../db/idempotency';
import { loanApplications, manualReviews } from '../db/schema';
import { chinaDate } from '../kernel/calendar';
import { AppError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { parseYuan } from '../kernel/money';
import type { RepaymentMethod } from '../lending/schedules/build-schedule';
import { applicationView, type ApplicationDecisionView } from './application-view';
import { findApplication, findDecision } from './applications-repo';
import type { Reason } from './decide';
import { appendDecision } from './decision-chain';
import type { DecisionConfig } from './policy-config';
import { priceOffer } from './price-offer';
import { rateCapBps } from './rate-cap';

export interface ReviewDecisionInput {
  reviewId: string;
  reviewerId: string;
  outcome: 'approved' | 'declined' | 'counter_offer';
  note: string;
  /** Yuan; required for a counter-offer, defaults to the requested amount when approving. */
  offeredAmount?: string;
  idempotencyKey: string;
}

/**
 * An analyst decides a manual review (referral or PIPL 24 re-decision) with a note. The result is
 * a new decision record in the chain (same features and versions, the reviewer's outcome), and
 * the application's current decision moves to it. An approval is repriced and still capped.
 */
export async function decideReview(deps: Pick<CoreDeps, 'db' | 'clock'> & { config: DecisionConfig }, input: ReviewDecisionInput): Promise<{ status: number; body: ApplicationDecisionView }> {
  const result = await withIdempotency(deps.db, deps.clock, { scope: `review:${input.reviewerId}`, key: input.idempotencyKey, request: input }, async (tx) => {
    const [review] = await tx.select().from(manualReviews).where(eq(manualReviews.id, input.reviewId)).for('update');
    if (!review) throw new AppError('NOT_FOUND', 'no such review');
    if (review.status !== 'open') throw new AppError('CONFLICT', 'this review has already been decided');
    const app = (await findApplication(tx, review.applicationId))!;
    if (app.borrowerId === input.reviewerId) throw new AppError('FORBIDDEN', 'you cannot review your own application');
    const { seq: _seq, hash: _hash, prevHash: _prev, ...base } = (await findDecision(tx, review.triggerDecisionId))!;
    const now = deps.clock.now();
    let offeredFen = 0n;
    let offer: ReturnType<typeof priceOffer> | null = null;
    if (input.outcome !== 'declined') {
      if (!base.grade) throw new AppError('BUSINESS_RULE', 'this application has no risk grade, so it cannot be approved; decline it');
      offeredFen = input.offeredAmount ? parseYuan(input.offeredAmount, { field: 'offeredAmount' }) : app.amountFen;
      if (input.outcome === 'counter_offer' && !input.offeredAmount) throw new AppError('VALIDATION', 'a counter-offer needs offeredAmount', { field: 'offeredAmount' });
      if (offeredFen <= 0n || offeredFen > app.amountFen) throw new AppError('VALIDATION', 'offeredAmount must be positive and not above the requested amount', { field: 'offeredAmount' });
      if (offeredFen > base.limitFen) throw new AppError('BUSINESS_RULE', 'offeredAmount is above the policy limit of this application', { field: 'offeredAmount' });
      const contractDate = chinaDate(now);
      offer = priceOffer({ grade: base.grade, amountFen: offeredFen, termMonths: app.termMonths, method: app.repaymentMethod as RepaymentMethod, capBps: rateCapBps(contractDate, deps.config.lprTable) }, deps.config);
      if (!offer.withinCap) throw new AppError('BUSINESS_RULE', `the all-in rate ${offer.aprBps} bps would exceed the legal cap ${offer.rateCapBps} bps`);
    }
    const code = { approved: 'MANUAL_REVIEW_APPROVED', declined: 'MANUAL_REVIEW_DECLINED', counter_offer: 'MANUAL_REVIEW_COUNTER_OFFER' }[input.outcome];
    const reviewerReason: Reason = { code, message: { zh: `人工审核结论：${input.note}`, en: `Manual review: ${input.note}` }, source: 'decision', ref: `review:${review.id}` };
    const reasons = [reviewerReason, ...(base.reasons as Reason[]).filter((r) => r.code !== code)].slice(0, 4);
    const decisionId = newId('dec', deps.clock);
    const row = await appendDecision(tx, {
      ...base,
      id: decisionId,
      kind: review.kind === 'explanation_request' ? 'human_redecision' : 'manual_review',
      decidedAt: now,
      decidedBy: input.reviewerId,
      outcome: input.outcome,
      offeredAmountFen: offeredFen,
      aprBps: offer?.aprBps ?? null,
      nominalRateBps: offer?.nominalRateBps ?? null,
      upfrontFeeFen: offer?.upfrontFeeFen ?? null,
      reasons,
      shadow: null,
      note: input.note,
    });
    await tx.update(manualReviews).set({ status: 'decided', reviewerId: input.reviewerId, outcome: input.outcome, note: input.note, resultDecisionId: decisionId, decidedAt: now }).where(eq(manualReviews.id, review.id));
    await tx.update(loanApplications).set({ status: input.outcome, offeredAmountFen: offeredFen, currentDecisionId: decisionId, updatedAt: now }).where(eq(loanApplications.id, app.id));
    return { status: 200, body: applicationView(app, row) };
  });
  return { status: result.status, body: result.body };
}
