import { date, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Monthly operating disclosures (DG 8, NIFA definitions). One immutable snapshot per month
 * (append-only): every figure with its formula, and the SHA-256 of the canonical JSON of the
 * content, so the web page and the API can prove they serve the same snapshot.
 */
export const disclosureSnapshots = pgTable(
  'disclosure_snapshots',
  {
    id: text('id').primaryKey(),
    yearMonth: text('year_month').notNull(),
    asOfDate: date('as_of_date', { mode: 'string' }).notNull(),
    /** The 5th business day of the next month. */
    dueBy: date('due_by', { mode: 'string' }).notNull(),
    content: jsonb('content').notNull(),
    contentHash: text('content_hash').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('disclosure_snapshots_month_unique').on(t.yearMonth)],
);

/** The fee schedule is versioned text (append-only); a snapshot cites the version in force. */
export const feeSchedules = pgTable('fee_schedules', {
  version: text('version').primaryKey(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  text: text('text').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
