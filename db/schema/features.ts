import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Outcome labels for retraining, written by servicing once an outcome is observed
 * (`good` = repaid / current at the horizon, `bad` = default / 90+ days past due).
 * The training-frame builder joins them to the feature snapshot stored with each decision.
 */
export const outcomeLabels = pgTable(
  'outcome_labels',
  {
    applicationId: text('application_id').notNull(),
    label: text('label', { enum: ['good', 'bad'] }).notNull(),
    observedAt: timestamp('observed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('outcome_labels_application_idx').on(t.applicationId, t.observedAt)],
);
