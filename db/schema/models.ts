import { doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Model registry (models/registry). A version's artifact (weights + fitted preprocessing) and
 * metrics are JSON. Four-eyes promotion: `model_approvals.approved_by` must differ from the
 * requester and the version's creator (enforced in models/registry/promote-model.ts).
 */
export const modelVersions = pgTable(
  'model_versions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['credit', 'fraud'] }).notNull(),
    name: text('name').notNull(),
    artifact: jsonb('artifact').notNull(),
    metrics: jsonb('metrics').notNull(),
    trainingDataHash: text('training_data_hash').notNull(),
    featureSetVersion: text('feature_set_version').notNull(),
    owner: text('owner').notNull(),
    intendedUse: text('intended_use').notNull(),
    status: text('status', { enum: ['draft', 'validated', 'approved', 'retired'] }).notNull(),
    role: text('role', { enum: ['none', 'challenger', 'champion'] }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('model_versions_kind_role_idx').on(t.kind, t.role)],
);

export const modelApprovals = pgTable('model_approvals', {
  id: text('id').primaryKey(),
  modelVersionId: text('model_version_id').notNull().references(() => modelVersions.id),
  requestedBy: text('requested_by').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  approvedBy: text('approved_by'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
});

/** Champion and challenger scores of the same request, for shadow comparison. */
export const modelShadowScores = pgTable(
  'model_shadow_scores',
  {
    requestId: text('request_id').notNull(),
    championId: text('champion_id').notNull().references(() => modelVersions.id),
    challengerId: text('challenger_id').notNull().references(() => modelVersions.id),
    championProbability: doublePrecision('champion_probability').notNull(),
    challengerProbability: doublePrecision('challenger_probability').notNull(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('model_shadow_scores_pair_idx').on(t.championId, t.challengerId)],
);

/**
 * Monthly model monitoring (REQUIREMENTS 11): PSI per feature and for the score against the
 * champion's training baseline, AUC/KS and actual vs expected default by grade on labelled
 * decisions, and the four-fifths fairness screen. One report per kind and period.
 */
export const modelMonitoringReports = pgTable(
  'model_monitoring_reports',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['credit', 'fraud'] }).notNull(),
    /** `YYYY-MM` for the monthly job; other keys for ad-hoc runs. */
    period: text('period').notNull(),
    modelVersionId: text('model_version_id').notNull().references(() => modelVersions.id),
    /** Worst PSI status over the score and the features: stable / watch / alert. */
    status: text('status', { enum: ['stable', 'watch', 'alert'] }).notNull(),
    report: jsonb('report').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('model_monitoring_reports_kind_period_unique').on(t.kind, t.period)],
);
