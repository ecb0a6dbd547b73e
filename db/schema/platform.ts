import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. Each row's hash covers its content and the previous
 * row's hash; the database refuses UPDATE and DELETE (db/sql/append-only.sql).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'bigint' }).primaryKey(),
    id: text('id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    data: jsonb('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('audit_log_id_unique').on(t.id), index('audit_log_subject_idx').on(t.subjectType, t.subjectId)],
);

/**
 * Transactional outbox: rows written in the business transaction, relayed to BullMQ.
 * `dedupeKey` is the business key; the relay uses it as the BullMQ job id as well.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    queue: text('queue').notNull(),
    jobName: text('job_name').notNull(),
    payload: jsonb('payload').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull(),
    relayedAt: timestamp('relayed_at', { withTimezone: true }),
    relayAttempts: integer('relay_attempts').notNull().default(0),
  },
  (t) => [uniqueIndex('outbox_dedupe_unique').on(t.queue, t.dedupeKey), index('outbox_pending_idx').on(t.relayedAt, t.availableAt)],
);

/** Idempotency keys for externally triggered writes: a replay returns the first response. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Which processed jobs had their effect, keyed by business key (idempotent processors). */
export const processedJobs = pgTable(
  'processed_jobs',
  {
    queue: text('queue').notNull(),
    businessKey: text('business_key').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull(),
    result: jsonb('result'),
  },
  (t) => [primaryKey({ columns: [t.queue, t.businessKey] })],
);

/**
 * Periodic anchors of the audit chain's head. Anyone holding an earlier checkpoint can prove
 * the chain up to it was not rewritten later (truncation or re-hashing of the tail).
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  key: text('key').primaryKey(),
  headSeq: bigint('head_seq', { mode: 'bigint' }).notNull(),
  headHash: text('head_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
