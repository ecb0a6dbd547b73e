import { jsonReplacer } from '../../kernel/canonical-json';
import type { Job } from 'bullmq';
import { processReconciliation, type CustodianBank } from '../../ledger';
import { addDays, chinaDate } from '../../kernel/calendar';
import type { ProcessorDeps } from '../idempotent-processor';
import { parsePayload } from '../queue-registry';

/** Daily reconciliation; reconcileDay is itself idempotent per business date. */
export function reconciliationProcessor(deps: ProcessorDeps & { bank: CustodianBank }) {
  return async (job: Job) => {
    const payload = parsePayload('reconciliation', job.data);
    const businessDate = payload.businessDate ?? addDays(chinaDate(deps.clock.now()), -1);
    return processReconciliation(
      {
        db: deps.db,
        clock: deps.clock,
        bank: deps.bank,
        alert: async (alert) => console.error(`[ALERT] reconciliation ${businessDate}: ${JSON.stringify(alert, jsonReplacer)}`),
      },
      { businessDate },
    );
  };
}
