import { and, asc, desc, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { majorEvents } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';

/** Major events (custody mismatch unresolved, suspension, …) must be published within 48 hours. */
export const MAJOR_EVENT_DEADLINE_MS = 48 * 3_600_000;

export async function logMajorEvent(db: DbOrTx, clock: Clock, input: { kind: string; title: string; body: string; occurredAt?: Date }): Promise<string> {
  const occurredAt = input.occurredAt ?? clock.now();
  const id = newId('mev', clock);
  await db.insert(majorEvents).values({ id, kind: input.kind, occurredAt, publishBy: new Date(occurredAt.getTime() + MAJOR_EVENT_DEADLINE_MS), title: input.title, body: input.body });
  return id;
}

/** Publishes every event not yet published (the public list is the publication); run hourly. */
export async function publishPendingMajorEvents(db: DbOrTx, clock: Clock): Promise<number> {
  const rows = await db.update(majorEvents).set({ publishedAt: clock.now() }).where(isNull(majorEvents.publishedAt)).returning({ id: majorEvents.id });
  return rows.length;
}

export async function listMajorEvents(db: DbOrTx, clock: Clock) {
  const now = clock.now();
  const rows = await db.select().from(majorEvents).orderBy(desc(majorEvents.occurredAt));
  return rows.map((e) => ({ ...e, publishedLate: (e.publishedAt ?? now) > e.publishBy }));
}

export async function listOverdueMajorEvents(db: DbOrTx, clock: Clock) {
  return db.select().from(majorEvents).where(and(isNull(majorEvents.publishedAt), lte(majorEvents.publishBy, clock.now()))).orderBy(asc(majorEvents.publishBy));
}
