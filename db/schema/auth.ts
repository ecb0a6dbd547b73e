import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const ROLES = ['borrower', 'investor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    locale: text('locale', { enum: ['zh', 'en'] }).notNull().default('zh'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: text('user_id').notNull().references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    grantedBy: text('granted_by'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Browser sessions (cookie) and API bearer tokens share one table; only hashes are stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: ['browser', 'api'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token'),
    name: text('name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sessions_token_hash_unique').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);
