import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import type { Clock } from '../../kernel/clock';

export async function listNotifications(db: DbOrTx, userId: string, page: { limit: number; offset: number }) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(page.limit).offset(page.offset);
}

export async function markNotificationsRead(db: DbOrTx, clock: Clock, userId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db.update(notifications).set({ readAt: clock.now() }).where(and(eq(notifications.userId, userId), inArray(notifications.id, ids))).returning({ id: notifications.id });
  return rows.length;
}
