import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { autoInvestMandates } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { toYuanString } from '../../kernel/money';
import { assertInvestorReady } from './assert-investor-ready';
import type { MarketplaceConfig } from './config';
import { mandateBodySchema, validateMandate } from './mandate-input';
import { mandateView, type MandateView } from './mandate-view';
import { findOwnMandate } from './mandates-repo';

export const mandatePatchSchema = mandateBodySchema.partial().refine((v) => Object.keys(v).length > 0, { message: 'change at least one parameter' });

/**
 * Changes an active mandate's parameters (the whole result is validated again, as for a new
 * one). Idempotent by nature: the same change twice leaves the same mandate. Bids already
 * placed stay; only later runs use the new parameters.
 */
export async function updateAutoInvestMandate(
  deps: { db: Db; clock: Clock; marketplace: MarketplaceConfig },
  input: { investorId: string; mandateId: string; patch: z.infer<typeof mandatePatchSchema> },
): Promise<MandateView> {
  const patch = mandatePatchSchema.parse(input.patch);
  const profile = await assertInvestorReady(deps.db, deps.marketplace, input.investorId);
  return deps.db.transaction(async (tx) => {
    const current = await findOwnMandate(tx, input.investorId, input.mandateId, { lock: true });
    if (!current) throw new AppError('NOT_FOUND', `no auto-invest mandate ${input.mandateId}`);
    if (current.status !== 'active') throw new AppError('CONFLICT', 'this mandate was revoked; create a new one');
    const params = validateMandate(deps.marketplace, profile.tier, {
      grades: current.grades,
      termsMonths: current.termsMonths,
      minAprBps: current.minAprBps,
      amountPerLoan: toYuanString(current.amountPerLoanFen),
      totalBudget: toYuanString(current.totalBudgetFen),
      maxBorrowerShareBps: current.maxBorrowerShareBps,
      ...patch,
    });
    if (params.totalBudgetFen < current.spentFen) throw new AppError('VALIDATION', `totalBudget cannot be less than what the mandate has already invested (${toYuanString(current.spentFen)})`, { field: 'totalBudget' });
    const [updated] = await tx.update(autoInvestMandates).set({ ...params, updatedAt: deps.clock.now() }).where(eq(autoInvestMandates.id, current.id)).returning();
    await appendAudit(tx, deps.clock, {
      actorId: input.investorId,
      action: 'auto_invest.mandate_changed',
      subjectType: 'auto_invest_mandate',
      subjectId: current.id,
      data: { ...params, amountPerLoanFen: params.amountPerLoanFen.toString(), totalBudgetFen: params.totalBudgetFen.toString() },
    });
    return mandateView(updated!);
  });
}
