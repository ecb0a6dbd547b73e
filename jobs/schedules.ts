import type { QueueSet } from './queues';

/**
 * Repeatable jobs (BullMQ job schedulers, upserted so every worker may install them safely).
 * Patterns are in China Standard Time. Daily jobs compute their business date when they run.
 */
const TZ = 'Asia/Shanghai';

export async function installSchedules(queues: QueueSet): Promise<void> {
  await queues.reconciliation.upsertJobScheduler('daily-reconciliation', { pattern: '0 2 * * *', tz: TZ }, { name: 'reconcile', data: {} });
  await queues['listing-expiry'].upsertJobScheduler('daily-listing-expiry', { pattern: '30 0 * * *', tz: TZ }, { name: 'expire', data: {} });
  await queues.delinquency.upsertJobScheduler('daily-delinquency', { pattern: '0 1 * * *', tz: TZ }, { name: 'delinquency', data: {} });
  // Daily at 03:00 on the first days of the month: the processor publishes last month once
  // (idempotent per month), well inside the 5-business-day deadline even across holidays.
  await queues.disclosures.upsertJobScheduler('monthly-disclosure', { pattern: '0 3 1-3 * *', tz: TZ }, { name: 'disclosure', data: {} });
  await queues.maintenance.upsertJobScheduler('daily-movement-scan', { pattern: '0 4 * * *', tz: TZ }, { name: 'scan', data: { task: 'scan-borrower-movements', key: 'scheduled' } });
  await queues.maintenance.upsertJobScheduler('hourly-major-events', { pattern: '15 * * * *', tz: TZ }, { name: 'major-events', data: { task: 'publish-major-events', key: 'scheduled' } });
  // Monthly model monitoring (REQUIREMENTS 11): PSI, AUC/KS, default by grade, fairness screen.
  await queues.maintenance.upsertJobScheduler('monthly-model-monitoring', { pattern: '30 3 1 * *', tz: TZ }, { name: 'model-monitoring', data: { task: 'model-monitoring', key: 'scheduled' } });
  await queues.maintenance.upsertJobScheduler('hourly-audit-checkpoint', { pattern: '5 * * * *', tz: TZ }, { name: 'audit-checkpoint', data: { task: 'audit-checkpoint', key: 'scheduled' } });
}
