import { fileURLToPath } from 'node:url';
import type { CustodianBank } from '../../ledger';
import type { ProcessorDeps } from '../idempotent-processor';
import type { ProcessorSpec } from '../start-workers';
import type { QueueName } from '../queue-registry';
import { maintenanceProcessor } from './maintenance';
import { autoInvestProcessor, disbursementProcessor, expiryProcessor, fundingProcessor, invitationRewardsProcessor } from './marketplace';
import { reconciliationProcessor } from './reconciliation';
import { delinquencyProcessor, disclosuresProcessor, repaymentsProcessor } from './servicing';

export const TRAINING_SANDBOX_FILE = fileURLToPath(new URL('./training.sandbox.ts', import.meta.url));

export interface WorkerDeps extends ProcessorDeps {
  bank: CustodianBank;
  signingSeed: string;
}

/**
 * Wiring: which processor serves which queue. Domain processors are plain use cases wrapped
 * in idempotentProcessor; CPU-heavy ones run sandboxed (a file path, in a child process).
 */
export function buildProcessors(deps: WorkerDeps): Partial<Record<QueueName, ProcessorSpec>> {
  return {
    maintenance: { inline: maintenanceProcessor(deps), concurrency: 4 },
    reconciliation: { inline: reconciliationProcessor(deps), concurrency: 1 },
    'auto-invest': { inline: autoInvestProcessor(deps), concurrency: 2 },
    'invitation-rewards': { inline: invitationRewardsProcessor(deps), concurrency: 1 },
    funding: { inline: fundingProcessor(deps), concurrency: 2 },
    disbursement: { inline: disbursementProcessor(deps), concurrency: 2 },
    'listing-expiry': { inline: expiryProcessor(deps), concurrency: 1 },
    repayments: { inline: repaymentsProcessor(deps), concurrency: 4 },
    delinquency: { inline: delinquencyProcessor(deps), concurrency: 1 },
    disclosures: { inline: disclosuresProcessor(deps), concurrency: 1 },
    // CPU-heavy: a child process per job (jobs/processors/training.sandbox.ts), one at a time.
    training: { sandboxFile: TRAINING_SANDBOX_FILE, concurrency: 1 },
  };
}
