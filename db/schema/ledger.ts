import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Double-entry ledger (TigerBeetle-style balances). The platform's ledger mirrors the
 * custodian bank; it never holds money of its own. Writes go through the PL/pgSQL function
 * `ledger_create_transfers` (db/sql/10-ledger.sql) so one transfer is one round trip.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    ownerKind: text('owner_kind').notNull(),
    ownerId: text('owner_id').notNull(),
    purpose: text('purpose').notNull(),
    // A credit-normal account (money owed to its owner) may never go below zero.
    debitsMustNotExceedCredits: boolean('debits_must_not_exceed_credits').notNull().default(false),
    creditsMustNotExceedDebits: boolean('credits_must_not_exceed_debits').notNull().default(false),
    debitsPendingFen: bigint('debits_pending_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    debitsPostedFen: bigint('debits_posted_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    creditsPendingFen: bigint('credits_pending_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    creditsPostedFen: bigint('credits_posted_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    /** The custodian sub-account this ledger account mirrors (null for the outside world). */
    bankAccountNo: text('bank_account_no'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_key_unique').on(t.ownerKind, t.ownerId, t.purpose),
    index('ledger_accounts_bank_idx').on(t.bankAccountNo),
    // Enforced by the database itself, so no code path can overdraw an account.
    check('ledger_accounts_debits_within_credits', sql`NOT ${t.debitsMustNotExceedCredits} OR ${t.debitsPostedFen} + ${t.debitsPendingFen} <= ${t.creditsPostedFen}`),
    check('ledger_accounts_credits_within_debits', sql`NOT ${t.creditsMustNotExceedDebits} OR ${t.creditsPostedFen} + ${t.creditsPendingFen} <= ${t.debitsPostedFen}`),
    check('ledger_accounts_non_negative', sql`${t.debitsPendingFen} >= 0 AND ${t.debitsPostedFen} >= 0 AND ${t.creditsPendingFen} >= 0 AND ${t.creditsPostedFen} >= 0`),
  ],
);

/**
 * Transfers are append-only. A pending transfer is never updated: posting or voiding it is a
 * new transfer whose `pending_id` points at it, and the unique index on `pending_id` makes
 * "exactly once" a database guarantee.
 */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: text('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** Business kind (deposit, bid_hold, fee, …); ledger/policy.ts says which accounts each may touch. */
    kind: text('kind').notNull(),
    /** posted | pending | post_pending | void_pending */
    phase: text('phase').notNull(),
    pendingId: text('pending_id'),
    /** Set when the transfer has exactly one debit and one credit posting (always for pending ones). */
    debitAccountId: bigint('debit_account_id', { mode: 'bigint' }),
    creditAccountId: bigint('credit_account_id', { mode: 'bigint' }),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    /** Transfers created together with `linked: true` share a batch id. */
    batchId: text('batch_id'),
    /** How the custodian learns of it: 'outbox' (instruction queued) or 'direct' (bank already executed). */
    custody: text('custody').notNull(),
    metadata: jsonb('metadata').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_transfers_key_unique').on(t.idempotencyKey),
    uniqueIndex('ledger_transfers_pending_once').on(t.pendingId),
    index('ledger_transfers_batch_idx').on(t.batchId),
  ],
);

/**
 * One row per posting. `amount_fen` is positive, except pending entries that release an
 * earlier pending amount (post or void), which are negative.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    transferId: text('transfer_id').notNull(),
    accountId: bigint('account_id', { mode: 'bigint' }).notNull(),
    isCredit: boolean('is_credit').notNull(),
    isPending: boolean('is_pending').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('ledger_entries_account_idx').on(t.accountId, t.id),
    // A transfer's legs are read back by transfer (custody dispatch, statements): without it, a scan of every entry per transfer.
    index('ledger_entries_transfer_idx').on(t.transferId),
    check('ledger_entries_sign', sql`${t.amountFen} > 0 OR (${t.isPending} AND ${t.amountFen} < 0)`),
  ],
);
