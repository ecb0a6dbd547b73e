import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { listings, relatedParties, users } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';

export const relatedPartySchema = z.object({
  userId: z.string().min(1).max(64),
  relation: z.string().trim().min(2, 'relation must say how the party is related (e.g. "shareholder", "director\'s spouse")').max(200),
});

/**
 * Item 4: an admin records a related party of the platform. From then on their listings and
 * bids are refused (createListing, the bid gates, mandates); listings they already have are
 * flagged so the report shows them separately. Idempotent by the user id (first record kept).
 */
export async function recordRelatedParty(deps: { db: Db; clock: Clock }, adminId: string, raw: z.infer<typeof relatedPartySchema>) {
  const input = relatedPartySchema.parse(raw);
  const [user] = await deps.db.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new AppError('NOT_FOUND', `no user ${input.userId}`, { field: 'userId' });
  return deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(relatedParties)
      .values({ userId: input.userId, relation: input.relation, recordedBy: adminId, recordedAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning();
    const flagged = await tx.update(listings).set({ relatedParty: true }).where(eq(listings.borrowerId, input.userId)).returning({ id: listings.id });
    if (inserted) {
      await appendAudit(tx, deps.clock, { actorId: adminId, action: 'related_party.recorded', subjectType: 'user', subjectId: input.userId, data: { relation: input.relation, flaggedListings: flagged.length } });
    }
    const [row] = await tx.select().from(relatedParties).where(eq(relatedParties.userId, input.userId));
    return { created: !!inserted, relatedParty: row!, flaggedListings: flagged.map((f) => f.id) };
  });
}
