import { boolean, index, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';

/**
 * Real-name verification (IM 11). Personal data is stored only encrypted (`*_enc`,
 * auth/field-encryption.ts); `*_bidx` blind indexes allow equality lookups (one ID number
 * per account, blocklists, velocity) without keeping the clear value.
 */
export const identities = pgTable(
  'identities',
  {
    userId: text('user_id').primaryKey().references(() => users.id),
    status: text('status', { enum: ['verified', 'failed'] }).notNull(),
    nameEnc: text('name_enc').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberBidx: text('id_number_bidx').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneBidx: text('phone_bidx').notNull(),
    birthDateEnc: text('birth_date_enc').notNull(),
    genderEnc: text('gender_enc').notNull(),
    regionCode: text('region_code').notNull(),
    provider: text('provider').notNull(),
    providerRef: text('provider_ref').notNull(),
    faceMatchScore: real('face_match_score').notNull(),
    livenessPassed: boolean('liveness_passed').notNull(),
    failureReason: text('failure_reason'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('identities_id_number_bidx_unique').on(t.idNumberBidx), index('identities_phone_bidx_idx').on(t.phoneBidx)],
);
