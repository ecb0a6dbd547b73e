import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// ───────────── Platform side: instructions to the custodian, reconciliation, major events ─────────────

/**
 * Outbox of instructions to the custodian bank, written in the same transaction as the
 * ledger transfer they mirror (by `ledger_create_transfers`), relayed by
 * ledger/custody/dispatch-custody-instructions.ts. Primary key = the ledger transfer id, which
 * is also the instruction id the bank deduplicates on.
 */
export const custodyInstructions = pgTable(
  'custody_instructions',
  {
    transferId: text('transfer_id').primaryKey(),
    /** queued | executed | rejected */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    bankReference: text('bank_reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [index('custody_instructions_status_idx').on(t.status, t.createdAt)],
);

/** One run per business date (the daily job is idempotent through this key). */
export const reconciliationRuns = pgTable('reconciliation_runs', {
  businessDate: date('business_date', { mode: 'string' }).primaryKey(),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  accountsCompared: integer('accounts_compared').notNull(),
  mismatches: integer('mismatches').notNull(),
});

export const reconciliationIncidents = pgTable(
  'reconciliation_incidents',
  {
    id: text('id').primaryKey(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    bankAccountNo: text('bank_account_no').notNull(),
    ledgerBalanceFen: bigint('ledger_balance_fen', { mode: 'bigint' }).notNull(),
    bankBalanceFen: bigint('bank_balance_fen', { mode: 'bigint' }).notNull(),
    ledgerFrozenFen: bigint('ledger_frozen_fen', { mode: 'bigint' }).notNull(),
    bankFrozenFen: bigint('bank_frozen_fen', { mode: 'bigint' }).notNull(),
    /** open | resolved */
    status: text('status').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
    majorEventId: text('major_event_id'),
  },
  (t) => [uniqueIndex('reconciliation_incidents_once').on(t.businessDate, t.bankAccountNo), index('reconciliation_incidents_status_idx').on(t.status)],
);

/** Major-event disclosures (DG): published within 48 hours of occurring. */
export const majorEvents = pgTable(
  'major_events',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    publishBy: timestamp('publish_by', { withTimezone: true }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [index('major_events_publish_idx').on(t.publishedAt, t.publishBy)],
);

// ───────────── Simulated custodian bank: its own books. Never joined with ledger tables. ─────────────

export const simBankAccounts = pgTable(
  'sim_bank_accounts',
  {
    accountNo: text('account_no').primaryKey(),
    /** user | project | platform_fee | platform_marketing | guarantor */
    accountType: text('account_type').notNull(),
    holderId: text('holder_id').notNull(),
    balanceFen: bigint('balance_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    frozenFen: bigint('frozen_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sim_bank_accounts_holder_unique').on(t.accountType, t.holderId)],
);

/** The bank's journal: every change of a balance or frozen amount, value-dated. Append-only. */
export const simBankMovements = pgTable(
  'sim_bank_movements',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    instructionId: text('instruction_id').notNull(),
    accountNo: text('account_no').notNull(),
    balanceDeltaFen: bigint('balance_delta_fen', { mode: 'bigint' }).notNull(),
    frozenDeltaFen: bigint('frozen_delta_fen', { mode: 'bigint' }).notNull(),
    valueAt: timestamp('value_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sim_bank_movements_account_idx').on(t.accountNo, t.valueAt)],
);

/** Instructions the bank has executed, by the caller's instruction id (duplicates return the first result). */
export const simBankInstructions = pgTable('sim_bank_instructions', {
  instructionId: text('instruction_id').primaryKey(),
  requestHash: text('request_hash').notNull(),
  result: jsonb('result').notNull(),
  executedAt: timestamp('executed_at', { withTimezone: true }).notNull(),
});

export const simBankFreezes = pgTable('sim_bank_freezes', {
  freezeId: text('freeze_id').primaryKey(),
  accountNo: text('account_no').notNull(),
  amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
  /** open | settled | released */
  status: text('status').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** One-time codes the bank "sends by SMS" to the account holder to authorise a debit. */
export const simBankOneTimeCodes = pgTable('sim_bank_one_time_codes', {
  id: text('id').primaryKey(),
  accountNo: text('account_no').notNull(),
  holderId: text('holder_id').notNull(),
  operation: text('operation').notNull(),
  amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
  code: text('code').notNull(),
  attempts: integer('attempts').notNull().default(0),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
