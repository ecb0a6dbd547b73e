import type { Job } from 'bullmq';
import { checkpointAuditChain } from '../../db/audit/checkpoint-audit-chain';
import { idempotentProcessor, type ProcessorDeps } from '../idempotent-processor';
import { parsePayload } from '../queue-registry';
import { runServicingMaintenance } from './servicing';
import { FieldEncryption } from '../../auth/field-encryption';
import { loadConfig } from '../../kernel/config';
import { recordModelMonitoring } from '../../models/monitoring/record-model-monitoring';

let fieldEncryption: FieldEncryption | undefined;
/** The monitoring report's gender screen reads the KYC gender (decrypted, reported only). */
function decrypt(ciphertext: string): string {
  const config = loadConfig();
  fieldEncryption ??= new FieldEncryption(config.FIELD_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY);
  return fieldEncryption.decrypt(ciphertext);
}

/**
 * Maintenance tasks. The audit checkpoint runs inside the idempotent wrapper (once per key,
 * business key `<task>:<key>` = the outbox dedupe key); the others are idempotent by nature
 * (scans and publications that skip what is already done) and run as they are.
 */
export function maintenanceProcessor(deps: ProcessorDeps) {
  // The hourly schedule sends key 'scheduled': checkpoint under the current hour instead.
  const keyOf = (key: string) => (key === 'scheduled' ? deps.clock.now().toISOString().slice(0, 13) : key);
  const checkpoint = idempotentProcessor('maintenance', deps, (p) => `${p.task}:${keyOf(p.key)}`, (tx, payload) => checkpointAuditChain(tx, deps.clock, keyOf(payload.key)));
  return async (job: Job) => {
    const payload = parsePayload('maintenance', job.data);
    if (payload.task === 'audit-checkpoint') return checkpoint(job);
    // Monthly; one stored report per kind and period, so a redelivery stores nothing new.
    if (payload.task === 'model-monitoring') return recordModelMonitoring({ ...deps, decrypt }, payload.key === 'scheduled' ? {} : { period: payload.key });
    return runServicingMaintenance(deps, payload.task);
  };
}
