import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Versioned rule sets (json-rules-engine JSON, zod-validated before saving). Definitions never
 * change after creation; a new version is a new row. Maker-checker: `approved_by` ≠ `author_id`.
 * `deployment` says how a published set runs: `live` decides, `shadow` is recorded only.
 */
export const ruleSets = pgTable(
  'rule_sets',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['policy', 'fraud'] }).notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull(),
    deployment: text('deployment', { enum: ['live', 'shadow'] }),
    definition: jsonb('definition').notNull(),
    definitionHash: text('definition_hash').notNull(),
    authorId: text('author_id').notNull(),
    approvedBy: text('approved_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('rule_sets_kind_version_unique').on(t.kind, t.version), index('rule_sets_status_idx').on(t.kind, t.status, t.deployment)],
);
