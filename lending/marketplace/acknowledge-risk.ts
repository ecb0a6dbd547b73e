import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { investorProfiles } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import type { MarketplaceConfig } from './config';

export const acknowledgeRiskSchema = z.object({
  version: z.string().min(1).max(40),
  /** Opt into the guard: never more than config.assetGuardShareBps of declared net investable assets. */
  assetGuard: z.boolean().optional(),
});

/** The investor acknowledges the current version of the risk disclosure (and may opt into the asset guard). */
export async function acknowledgeRisk(deps: { db: Db; clock: Clock; marketplace: MarketplaceConfig }, userId: string, raw: z.infer<typeof acknowledgeRiskSchema>) {
  const input = acknowledgeRiskSchema.parse(raw);
  if (input.version !== deps.marketplace.riskAcknowledgmentVersion) {
    throw new AppError('VALIDATION', `version must be the current risk disclosure version ${deps.marketplace.riskAcknowledgmentVersion}`, { field: 'version' });
  }
  return deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(investorProfiles)
      .set({ acknowledgmentVersion: input.version, acknowledgedAt: deps.clock.now(), ...(input.assetGuard === undefined ? {} : { assetGuardEnabled: input.assetGuard }) })
      .where(eq(investorProfiles.userId, userId))
      .returning({ userId: investorProfiles.userId });
    if (updated.length === 0) throw new AppError('ONBOARDING_REQUIRED', 'complete the risk assessment first', { gate: 'risk_assessment' });
    await appendAudit(tx, deps.clock, { actorId: userId, action: 'investor.risk_acknowledged', subjectType: 'user', subjectId: userId, data: { version: input.version, assetGuard: input.assetGuard ?? null } });
    return { version: input.version };
  });
}
