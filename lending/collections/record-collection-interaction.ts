import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client';
import { collectionCases, collectionInteractions, loans } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { chinaDate } from '../../kernel/calendar';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { CHANNELS, checkContactGuards, stageForDaysPastDue, UNREACHABLE_WINDOW_DAYS, type GuardRefusal } from './collection-policy';
import { lintCollectionMessage } from './lint-collection-message';

export const interactionInputSchema = z.object({
  channel: z.enum(CHANNELS),
  target: z.enum(['debtor', 'contact']),
  /** What happened: a call answered or not, a message sent. */
  outcome: z.enum(['answered', 'no_answer', 'sent']),
  message: z.string().min(1).max(2000),
});

export interface InteractionResult {
  id: string;
  allowed: boolean;
  refusal: GuardRefusal | null;
  lintProblems: string[];
  stage: string;
}

/**
 * Records one collection interaction, after the guards of REQUIREMENTS 25: contact hours
 * (08:00–22:00 China time), the stage's channels, at most 3 answered calls per debtor per day,
 * third-party contacts only when the debtor is unreachable and never about the debt, and the
 * template linter. A refused attempt is recorded too (outcome `refused`, with the reason), so
 * every interaction — allowed or not — is on file. Serialised per debtor.
 */
export async function recordCollectionInteraction(
  deps: { db: Db; clock: Clock },
  input: InteractionInput,
): Promise<InteractionResult> {
  return deps.db.transaction((tx) => recordCollectionInteractionIn(tx, deps.clock, input));
}

type InteractionInput = { caseId: string; collectorId: string } & z.infer<typeof interactionInputSchema>;

/** The same, inside the caller's transaction (e.g. the API's idempotency transaction). */
export async function recordCollectionInteractionIn(tx: Tx, clock: Clock, input: InteractionInput): Promise<InteractionResult> {
  const deps = { clock };
  {
    const [found] = await tx
      .select({ c: collectionCases, dpd: loans.daysPastDue })
      .from(collectionCases)
      .innerJoin(loans, eq(loans.id, collectionCases.loanId))
      .where(eq(collectionCases.id, input.caseId));
    if (!found) throw new AppError('NOT_FOUND', 'no such collection case', { field: 'caseId' });
    if (found.c.status !== 'open') throw new AppError('CONFLICT', 'the collection case is closed', { field: 'caseId' });
    const debtorId = found.c.debtorId;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`collections:${debtorId}`}))`);
    const now = deps.clock.now();
    const today = chinaDate(now);
    const windowStart = new Date(now.getTime() - UNREACHABLE_WINDOW_DAYS * 86_400_000);
    const [counts] = (
      await tx.execute<{ answered_today: number; attempts: number; answered: number }>(sql`
        SELECT count(*) FILTER (WHERE channel = 'call' AND outcome = 'answered' AND china_date = ${today}::date)::int AS answered_today,
               count(*) FILTER (WHERE target = 'debtor' AND outcome <> 'refused' AND at >= ${windowStart})::int AS attempts,
               count(*) FILTER (WHERE target = 'debtor' AND outcome = 'answered' AND at >= ${windowStart})::int AS answered
          FROM ${collectionInteractions} WHERE debtor_id = ${debtorId}`)
    ).rows;
    const stage = stageForDaysPastDue(found.dpd);
    const lintProblems = lintCollectionMessage(input.message, input.target);
    const refusal = checkContactGuards({
      at: now,
      stage,
      channel: input.channel,
      target: input.target,
      answeredCallsToday: counts?.answered_today ?? 0,
      debtorAttemptsInWindow: counts?.attempts ?? 0,
      debtorAnsweredInWindow: counts?.answered ?? 0,
      lintProblems,
    });
    const id = newId('cix', deps.clock);
    await tx.insert(collectionInteractions).values({
      id,
      caseId: input.caseId,
      debtorId,
      collectorId: input.collectorId,
      channel: input.channel,
      target: input.target,
      outcome: refusal ? 'refused' : input.outcome,
      message: input.message,
      refusedReason: refusal,
      chinaDate: today,
      at: now,
    });
    await tx.update(collectionCases).set({ updatedAt: now, stage }).where(and(eq(collectionCases.id, input.caseId)));
    return { id, allowed: refusal === null, refusal, lintProblems, stage };
  }
}
