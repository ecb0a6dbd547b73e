import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Marketplace (lending/marketplace): listings, investor onboarding, bids, auto-invest mandates,
 * contracts, disbursements, invitation rewards, related parties.
 */
export const LISTING_STATUSES = ['open', 'funded', 'disbursed', 'expired', 'cancelled'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const listings = pgTable(
  'listings',
  {
    id: text('id').primaryKey(),
    /** One listing per application, ever (a borrower cannot list the same decision twice). */
    applicationId: text('application_id').notNull(),
    decisionId: text('decision_id').notNull(),
    borrowerId: text('borrower_id').notNull(),
    borrowerType: text('borrower_type', { enum: ['individual', 'company'] }).notNull(),
    grade: text('grade').notNull(),
    pd: real('pd').notNull(),
    expectedLossBps: integer('expected_loss_bps').notNull(),
    /** IRR-based annualised rate of all charges (the most prominent rate, item 7). */
    aprBps: integer('apr_bps').notNull(),
    nominalRateBps: integer('nominal_rate_bps').notNull(),
    upfrontFeeFen: bigint('upfront_fee_fen', { mode: 'bigint' }).notNull(),
    termMonths: integer('term_months').notNull(),
    repaymentMethod: text('repayment_method', { enum: ['equal_installment', 'equal_principal', 'interest_first'] }).notNull(),
    purpose: text('purpose').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    fundedFen: bigint('funded_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    bidCount: integer('bid_count').notNull().default(0),
    status: text('status', { enum: LISTING_STATUSES }).notNull(),
    /** Masked disclosures (DG 9) and their hash; a listing never exists without them. */
    disclosures: jsonb('disclosures').notNull(),
    disclosuresHash: text('disclosures_hash').notNull(),
    relatedParty: boolean('related_party').notNull().default(false),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    /** Last China business date on which bids are accepted. */
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    fundedAt: timestamp('funded_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason'),
  },
  (t) => [
    uniqueIndex('listings_application_unique').on(t.applicationId),
    index('listings_status_idx').on(t.status, t.grade, t.termMonths),
    index('listings_borrower_idx').on(t.borrowerId),
    // The database itself refuses over-funding, whatever code path writes.
    check('listings_funded_within_amount', sql`${t.fundedFen} >= 0 AND ${t.fundedFen} <= ${t.amountFen}`),
  ],
);

export const investorProfiles = pgTable('investor_profiles', {
  userId: text('user_id').primaryKey(),
  answers: jsonb('answers').notNull(),
  score: integer('score').notNull(),
  tier: text('tier').notNull(),
  assessedAt: timestamp('assessed_at', { withTimezone: true }),
  acknowledgmentVersion: text('acknowledgment_version'),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  netInvestableAssetsFen: bigint('net_investable_assets_fen', { mode: 'bigint' }).notNull(),
  /** Opt-in guard: total invested ≤ 10% of declared net investable assets. */
  assetGuardEnabled: boolean('asset_guard_enabled').notNull().default(false),
});

/** Item 16: the investor opened this listing's disclosures (first opening kept). */
export const disclosureOpenings = pgTable(
  'disclosure_openings',
  {
    listingId: text('listing_id').notNull(),
    investorId: text('investor_id').notNull(),
    disclosuresHash: text('disclosures_hash').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.investorId] })],
);

export const bids = pgTable(
  'bids',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id').notNull(),
    investorId: text('investor_id').notNull(),
    borrowerId: text('borrower_id').notNull(),
    requestedFen: bigint('requested_fen', { mode: 'bigint' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    /** The ledger pending transfer that holds the amount on the investor's custody sub-account. */
    holdTransferId: text('hold_transfer_id').notNull(),
    /** held → posted (disbursed) | voided (expired / cancelled) */
    status: text('status', { enum: ['held', 'posted', 'voided'] }).notNull(),
    source: text('source', { enum: ['manual', 'auto'] }).notNull(),
    mandateId: text('mandate_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('bids_listing_idx').on(t.listingId),
    index('bids_investor_idx').on(t.investorId, t.status),
    // Auto-invest bids at most once per mandate and listing (the processor may run twice).
    uniqueIndex('bids_mandate_listing_unique').on(t.mandateId, t.listingId),
    check('bids_amount_positive', sql`${t.amountFen} > 0 AND ${t.amountFen} <= ${t.requestedFen}`),
  ],
);

export const autoInvestMandates = pgTable(
  'auto_invest_mandates',
  {
    id: text('id').primaryKey(),
    investorId: text('investor_id').notNull(),
    grades: jsonb('grades').$type<string[]>().notNull(),
    termsMonths: jsonb('terms_months').$type<number[]>().notNull(),
    minAprBps: integer('min_apr_bps').notNull(),
    amountPerLoanFen: bigint('amount_per_loan_fen', { mode: 'bigint' }).notNull(),
    totalBudgetFen: bigint('total_budget_fen', { mode: 'bigint' }).notNull(),
    maxBorrowerShareBps: integer('max_borrower_share_bps').notNull(),
    spentFen: bigint('spent_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    status: text('status', { enum: ['active', 'revoked'] }).notNull(),
    /** Fair order: the mandate served longest ago goes first (round robin). */
    lastServedAt: timestamp('last_served_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('auto_invest_mandates_investor_idx').on(t.investorId),
    index('auto_invest_mandates_queue_idx').on(t.status, t.lastServedAt),
    check('auto_invest_mandates_budget', sql`${t.spentFen} >= 0 AND ${t.spentFen} <= ${t.totalBudgetFen}`),
  ],
);

export const contracts = pgTable(
  'contracts',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id').notNull(),
    /** The PDF bytes, base64. */
    pdfBase64: text('pdf_base64').notNull(),
    sha256: text('sha256').notNull(),
    signature: text('signature').notNull(),
    publicKey: text('public_key').notNull(),
    terms: jsonb('terms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('contracts_listing_unique').on(t.listingId)],
);

export const contractConsents = pgTable(
  'contract_consents',
  {
    contractId: text('contract_id').notNull(),
    partyId: text('party_id').notNull(),
    role: text('role', { enum: ['borrower', 'investor'] }).notNull(),
    sha256: text('sha256').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.partyId] })],
);

/** Exactly one disbursement per listing: the primary key is the listing id. */
export const disbursements = pgTable('disbursements', {
  listingId: text('listing_id').primaryKey(),
  loanId: text('loan_id').notNull(),
  batchId: text('batch_id').notNull(),
  principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
  feeFen: bigint('fee_fen', { mode: 'bigint' }).notNull(),
  disbursedAt: timestamp('disbursed_at', { withTimezone: true }).notNull(),
});

export const invitationCodes = pgTable(
  'invitation_codes',
  {
    code: text('code').primaryKey(),
    inviterId: text('inviter_id').notNull(),
    rewardFen: bigint('reward_fen', { mode: 'bigint' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('invitation_codes_inviter_idx').on(t.inviterId)],
);

/**
 * One redemption per invitee, ever. The reward (to the inviter, from the platform's marketing
 * account) is paid later, when the invitee first takes part in a disbursement; until then
 * reward_transfer_id and rewarded_at are null.
 */
export const invitationRedemptions = pgTable(
  'invitation_redemptions',
  {
    inviteeId: text('invitee_id').primaryKey(),
    code: text('code').notNull(),
    inviterId: text('inviter_id').notNull(),
    rewardFen: bigint('reward_fen', { mode: 'bigint' }).notNull(),
    rewardTransferId: text('reward_transfer_id'),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }).notNull(),
    rewardedAt: timestamp('rewarded_at', { withTimezone: true }),
    /** The disbursed listing that triggered the reward. */
    rewardListingId: text('reward_listing_id'),
  },
  (t) => [index('invitation_redemptions_inviter_idx').on(t.inviterId)],
);

/** Item 4: the platform's related parties (by user id); flagged listings are reported. */
export const relatedParties = pgTable('related_parties', {
  userId: text('user_id').primaryKey(),
  relation: text('relation').notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});
