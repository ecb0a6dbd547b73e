import { bigint, bigserial, doublePrecision, index, integer, json, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Loan applications: the request as submitted plus its current state (the latest decision). */
export const loanApplications = pgTable(
  'loan_applications',
  {
    id: text('id').primaryKey(),
    borrowerId: text('borrower_id').notNull(),
    borrowerType: text('borrower_type', { enum: ['individual', 'company'] }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    termMonths: integer('term_months').notNull(),
    purpose: text('purpose').notNull(),
    repaymentMethod: text('repayment_method', { enum: ['equal_installment', 'equal_principal', 'interest_first'] }).notNull(),
    /** The validated request body (device id and IP are kept only as blind indexes). */
    input: jsonb('input').notNull(),
    status: text('status', { enum: ['approved', 'declined', 'referred', 'counter_offer'] }).notNull(),
    offeredAmountFen: bigint('offered_amount_fen', { mode: 'bigint' }).notNull(),
    currentDecisionId: text('current_decision_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('loan_applications_borrower_idx').on(t.borrowerId, t.createdAt)],
);

/**
 * Every decision, append-only and hash-chained (REQUIREMENTS 10): automated decisions,
 * manual-review decisions and human re-decisions (PIPL 24) alike. `hash` covers the record
 * and `prev_hash`; verification recomputes the chain in `seq` order.
 */
export const decisions = pgTable(
  'decisions',
  {
    seq: bigserial('seq', { mode: 'bigint' }).primaryKey(),
    id: text('id').notNull(),
    applicationId: text('application_id').notNull(),
    borrowerId: text('borrower_id').notNull(),
    kind: text('kind', { enum: ['automated', 'manual_review', 'human_redecision'] }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    inputHash: text('input_hash').notNull(),
    featureSetVersion: text('feature_set_version').notNull(),
    /**
     * The three large JSON values are `json`, not `jsonb`: the automated decision path stores
     * each as the exact canonical text the record's hash covers (slices of the sealed record,
     * decision_write_batch), which PostgreSQL only validates. As jsonb, parsing ~10 KB per
     * decision into its binary form (and sorting every object's keys) was a fifth of
     * PostgreSQL's CPU on the decision path. Nothing queries inside them in SQL; they are read
     * whole, and the hash is over their values in canonical form whatever the stored spacing.
     */
    features: json('features').notNull(),
    policyRuleSetId: text('policy_rule_set_id').notNull(),
    fraudRuleSetId: text('fraud_rule_set_id').notNull(),
    creditModelVersion: text('credit_model_version').notNull(),
    fraudModelVersion: text('fraud_model_version').notNull(),
    ruleResults: json('rule_results').notNull(),
    scores: json('scores').notNull(),
    outcome: text('outcome', { enum: ['approved', 'declined', 'referred', 'counter_offer'] }).notNull(),
    grade: text('grade'),
    pd: doublePrecision('pd'),
    limitFen: bigint('limit_fen', { mode: 'bigint' }).notNull(),
    offeredAmountFen: bigint('offered_amount_fen', { mode: 'bigint' }).notNull(),
    aprBps: integer('apr_bps'),
    nominalRateBps: integer('nominal_rate_bps'),
    upfrontFeeFen: bigint('upfront_fee_fen', { mode: 'bigint' }),
    reasons: jsonb('reasons').notNull(),
    shadow: jsonb('shadow'),
    note: text('note'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('decisions_id_unique').on(t.id), index('decisions_application_idx').on(t.applicationId, t.seq), index('decisions_borrower_idx').on(t.borrowerId, t.decidedAt)],
);

/**
 * Manual review queue: referred applications, and applicants' requests for an explanation and
 * a human re-decision (PIPL 24). The request, the reviewer and the outcome are all kept.
 */
export const manualReviews = pgTable(
  'manual_reviews',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id').notNull(),
    kind: text('kind', { enum: ['referral', 'explanation_request'] }).notNull(),
    status: text('status', { enum: ['open', 'decided'] }).notNull(),
    triggerDecisionId: text('trigger_decision_id').notNull(),
    requestedBy: text('requested_by'),
    requestNote: text('request_note'),
    reviewerId: text('reviewer_id'),
    outcome: text('outcome', { enum: ['approved', 'declined', 'counter_offer'] }),
    note: text('note'),
    resultDecisionId: text('result_decision_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('manual_reviews_status_idx').on(t.status, t.createdAt), index('manual_reviews_application_idx').on(t.applicationId)],
);
