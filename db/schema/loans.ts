import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Loan servicing (lending/servicing, delinquency, collections). A loan is created once per
 * listing at disbursement (`createLoan`, idempotent on listing_id). Installment rows are the
 * schedule plus what has been paid against it; the running totals on `loans` are kept in the
 * same transaction as every payment so the daily jobs can stay set-based over 10^6 loans.
 */
export const DELINQUENCY_STATUSES = ['current', 'grace', 'late_16_30', 'late_31_90', 'over_90', 'default', 'charged_off'] as const;
export type DelinquencyStatus = (typeof DELINQUENCY_STATUSES)[number];

export const loans = pgTable(
  'loans',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id').notNull(),
    applicationId: text('application_id'),
    borrowerId: text('borrower_id').notNull(),
    principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
    termMonths: integer('term_months').notNull(),
    annualRateBps: integer('annual_rate_bps').notNull(),
    /** The platform's service fee, annual bps on the opening balance of each month (borrower pays). */
    platformFeeBps: integer('platform_fee_bps').notNull().default(0),
    /** IRR of every charge (interest + fees), annualised ×12 (kernel/irr.ts). */
    aprBps: integer('apr_bps').notNull(),
    /** The cap at the contract date (4 × LPR); late charges are held under it. */
    rateCapBps: integer('rate_cap_bps').notNull(),
    /** Late-charge rate: annual bps, accrued daily (actual/365) on overdue principal. */
    penaltyRateBps: integer('penalty_rate_bps').notNull(),
    repaymentMethod: text('repayment_method', { enum: ['equal_installment', 'equal_principal', 'interest_first'] }).notNull(),
    grade: text('grade').notNull(),
    pd: real('pd').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    maturityDate: date('maturity_date', { mode: 'string' }).notNull(),
    /** active | repaid | charged_off */
    status: text('status').notNull().default('active'),
    delinquencyStatus: text('delinquency_status', { enum: DELINQUENCY_STATUSES }).notNull().default('current'),
    daysPastDue: integer('days_past_due').notNull().default(0),
    principalOutstandingFen: bigint('principal_outstanding_fen', { mode: 'bigint' }).notNull(),
    /** Scheduled interest (not the platform fee) not yet paid: the disclosures' outstanding interest. */
    interestOutstandingFen: bigint('interest_outstanding_fen', { mode: 'bigint' }).notNull(),
    /** Due date of the oldest installment not fully settled (past or future); null once all are. */
    oldestUnpaidDueDate: date('oldest_unpaid_due_date', { mode: 'string' }),
    firstDpd30On: date('first_dpd30_on', { mode: 'string' }),
    firstDpd90On: date('first_dpd90_on', { mode: 'string' }),
    /** Borrower is a related party of the platform (REQUIREMENTS 4): reported separately. */
    relatedParty: boolean('related_party').notNull().default(false),
    guarantorId: text('guarantor_id'),
    outcomeLabel: text('outcome_label', { enum: ['good', 'bad'] }),
    fundedAt: timestamp('funded_at', { withTimezone: true }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('loans_listing_unique').on(t.listingId),
    index('loans_borrower_idx').on(t.borrowerId),
    index('loans_status_idx').on(t.status, t.oldestUnpaidDueDate),
    index('loans_start_idx').on(t.startDate),
    // The daily delinquency job touches only loans already past due (and those becoming so).
    index('loans_past_due_idx').on(t.daysPastDue).where(sql`days_past_due > 0`),
  ],
);

export const loanInstallments = pgTable(
  'loan_installments',
  {
    loanId: text('loan_id').notNull(),
    installmentNo: integer('installment_no').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
    interestFen: bigint('interest_fen', { mode: 'bigint' }).notNull(),
    feeFen: bigint('fee_fen', { mode: 'bigint' }).notNull(),
    principalPaidFen: bigint('principal_paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    interestPaidFen: bigint('interest_paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    feePaidFen: bigint('fee_paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    penaltyAccruedFen: bigint('penalty_accrued_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    penaltyPaidFen: bigint('penalty_paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    /** Late charges have been accrued up to and including this date. */
    penaltyAccruedThrough: date('penalty_accrued_through', { mode: 'string' }),
    /** The date the installment was fully settled (principal, interest and fee). */
    settledOn: date('settled_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.installmentNo] }), index('loan_installments_unsettled_idx').on(t.dueDate).where(sql`settled_on IS NULL`)],
);

/** Each investor's share of a loan, held for the loan's full term (REQUIREMENTS 18). */
export const loanHoldings = pgTable(
  'loan_holdings',
  {
    loanId: text('loan_id').notNull(),
    investorId: text('investor_id').notNull(),
    principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
    outstandingPrincipalFen: bigint('outstanding_principal_fen', { mode: 'bigint' }).notNull(),
    receivedPrincipalFen: bigint('received_principal_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    receivedInterestFen: bigint('received_interest_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    receivedPenaltyFen: bigint('received_penalty_fen', { mode: 'bigint' }).notNull().default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.investorId] }), index('loan_holdings_investor_idx').on(t.investorId)],
);

/** Each investor's exact share of each installment (largest remainder), and what they got of it. */
export const installmentShares = pgTable(
  'installment_shares',
  {
    loanId: text('loan_id').notNull(),
    installmentNo: integer('installment_no').notNull(),
    investorId: text('investor_id').notNull(),
    principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
    interestFen: bigint('interest_fen', { mode: 'bigint' }).notNull(),
    principalPaidFen: bigint('principal_paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    interestPaidFen: bigint('interest_paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.installmentNo, t.investorId] })],
);

/** Every payment received on a loan (append-only). `business_key` makes each one happen once. */
export const loanRepayments = pgTable(
  'loan_repayments',
  {
    id: text('id').primaryKey(),
    businessKey: text('business_key').notNull(),
    loanId: text('loan_id').notNull(),
    /** auto_debit | manual | early | compensation */
    kind: text('kind').notNull(),
    /** borrower | guarantor */
    payerKind: text('payer_kind').notNull(),
    payerId: text('payer_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
    interestFen: bigint('interest_fen', { mode: 'bigint' }).notNull(),
    feeFen: bigint('fee_fen', { mode: 'bigint' }).notNull(),
    penaltyFen: bigint('penalty_fen', { mode: 'bigint' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('loan_repayments_key_unique').on(t.businessKey), index('loan_repayments_loan_idx').on(t.loanId, t.paidOn)],
);

/** What each investor received of each repayment (append-only); sums to the repayment's investor part. */
export const repaymentDistributions = pgTable(
  'repayment_distributions',
  {
    repaymentId: text('repayment_id').notNull(),
    investorId: text('investor_id').notNull(),
    loanId: text('loan_id').notNull(),
    principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
    interestFen: bigint('interest_fen', { mode: 'bigint' }).notNull(),
    penaltyFen: bigint('penalty_fen', { mode: 'bigint' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.repaymentId, t.investorId] }), index('repayment_distributions_investor_idx').on(t.investorId, t.paidOn), index('repayment_distributions_paid_idx').on(t.paidOn)],
);

/** How each repayment was applied, installment by installment (append-only): lets any past date be rebuilt. */
export const repaymentParts = pgTable(
  'repayment_parts',
  {
    repaymentId: text('repayment_id').notNull(),
    loanId: text('loan_id').notNull(),
    installmentNo: integer('installment_no').notNull(),
    principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
    interestFen: bigint('interest_fen', { mode: 'bigint' }).notNull(),
    feeFen: bigint('fee_fen', { mode: 'bigint' }).notNull(),
    penaltyFen: bigint('penalty_fen', { mode: 'bigint' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.repaymentId, t.installmentNo] }), index('repayment_parts_loan_idx').on(t.loanId, t.installmentNo), index('repayment_parts_paid_idx').on(t.paidOn)],
);

/** One row per loan per status change (append-only): the delinquency history. */
export const delinquencyTransitions = pgTable(
  'delinquency_transitions',
  {
    loanId: text('loan_id').notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    daysPastDue: integer('days_past_due').notNull(),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.businessDate] }), index('delinquency_transitions_date_idx').on(t.businessDate)],
);

export const delinquencyRuns = pgTable('delinquency_runs', {
  businessDate: date('business_date', { mode: 'string' }).primaryKey(),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  transitions: integer('transitions').notNull(),
  penaltyAccruedFen: bigint('penalty_accrued_fen', { mode: 'bigint' }).notNull(),
  labelsWritten: integer('labels_written').notNull(),
});

// ───────────── Collections (REQUIREMENTS 25) ─────────────

export const collectionCases = pgTable(
  'collection_cases',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull(),
    debtorId: text('debtor_id').notNull(),
    /** reminder | soft | calls | formal | legal */
    stage: text('stage').notNull(),
    /** open | closed */
    status: text('status').notNull(),
    assignedTo: text('assigned_to'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('collection_cases_open_unique').on(t.loanId).where(sql`status = 'open'`), index('collection_cases_queue_idx').on(t.status, t.stage)],
);

/** Every interaction, allowed or refused (append-only). */
export const collectionInteractions = pgTable(
  'collection_interactions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    debtorId: text('debtor_id').notNull(),
    collectorId: text('collector_id').notNull(),
    channel: text('channel').notNull(),
    /** debtor | contact (a third party, only when the debtor is unreachable) */
    target: text('target').notNull(),
    /** answered | no_answer | sent | refused */
    outcome: text('outcome').notNull(),
    message: text('message').notNull(),
    refusedReason: text('refused_reason'),
    chinaDate: date('china_date', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('collection_interactions_debtor_idx').on(t.debtorId, t.chinaDate), index('collection_interactions_case_idx').on(t.caseId, t.at)],
);

// ───────────── In-loan monitoring and investor notifications ─────────────

export const monitoringAlerts = pgTable(
  'monitoring_alerts',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull(),
    borrowerId: text('borrower_id').notNull(),
    rule: text('rule').notNull(),
    /** One alert per loan, rule and window (e.g. the business date). */
    windowKey: text('window_key').notNull(),
    details: jsonb('details').notNull(),
    /** open | closed */
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('monitoring_alerts_once').on(t.loanId, t.rule, t.windowKey), index('monitoring_alerts_status_idx').on(t.status, t.createdAt)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    /** One notification per business key (e.g. `repayment:<id>:<investor>`). */
    businessKey: text('business_key').notNull(),
    kind: text('kind').notNull(),
    loanId: text('loan_id'),
    title: text('title').notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('notifications_key_unique').on(t.businessKey), index('notifications_user_idx').on(t.userId, t.createdAt)],
);
