import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { withIdempotency } from '../../db/idempotency';
import type { Clock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { assertInvestorReady } from './assert-investor-ready';
import type { MarketplaceConfig } from './config';
import { validateMandate, type MandateBody } from './mandate-input';
import { mandateView, type MandateView } from './mandate-view';
import { insertMandate } from './mandates-repo';

/**
 * Item 17: the investor grants an auto-invest mandate with explicit parameters. It is the
 * stored consent that authorises each auto bid inside them (the audit row records the exact
 * parameters agreed). Idempotent through the Idempotency-Key.
 */
export async function createAutoInvestMandate(
  deps: { db: Db; clock: Clock; marketplace: MarketplaceConfig },
  input: { investorId: string; idempotencyKey: string; body: MandateBody },
): Promise<{ status: number; body: MandateView; replayed: boolean }> {
  const profile = await assertInvestorReady(deps.db, deps.marketplace, input.investorId);
  const params = validateMandate(deps.marketplace, profile.tier, input.body);
  return withIdempotency(deps.db, deps.clock, { scope: `auto-invest:${input.investorId}`, key: input.idempotencyKey, request: input.body }, async (tx) => {
    const now = deps.clock.now();
    const mandate = await insertMandate(tx, { id: newId('aim', deps.clock), investorId: input.investorId, ...params, status: 'active', createdAt: now, updatedAt: now });
    await appendAudit(tx, deps.clock, {
      actorId: input.investorId,
      action: 'auto_invest.mandate_granted',
      subjectType: 'auto_invest_mandate',
      subjectId: mandate.id,
      data: { ...params, amountPerLoanFen: params.amountPerLoanFen.toString(), totalBudgetFen: params.totalBudgetFen.toString(), disclosuresDelivered: 'with each bid' },
    });
    return { status: 201, body: mandateView(mandate) };
  });
}
