/**
 * Sandboxed training processor (queue `training`): BullMQ runs this file in a child process
 * (`fork` of its main.js with the parent's `process.execArgv`, so under `tsx jobs/worker.ts` the
 * tsx loader is inherited and this .ts file loads as it is; see training.sandbox.test.ts).
 * CPU-heavy training therefore never stalls the worker's event loop or its job locks.
 *
 * The new version id comes from the job id: the outbox relays the job under its business key
 * `train:<version id>` (BullMQ id `train_<version id>`), so a redelivered job retrains into the
 * same id and finds it already registered.
 */
import type { Job } from 'bullmq';
import { connectDatabase, type Db } from '../../db/client';
import { processedJobs } from '../../db/schema';
import { loadConfig } from '../../kernel/config';
import { systemClock, type Clock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { PostgresModelRegistryRepository } from '../../models/registry/postgres-repository';
import { retrainFromPlatform } from '../../models/retrain/retrain-from-platform';
import { trainingDedupeKey } from '../../models/retrain/request-retrain';
import { parsePayload } from '../queue-registry';

export function versionIdOf(job: Pick<Job, 'id'>, clock: Clock): string {
  const m = /^train_(mdl_[0-9A-Z]{26})$/.exec(job.id ?? '');
  return m ? m[1]! : newId('mdl', clock);
}

export function trainingProcessor(deps: { db: Db; clock: Clock }) {
  return async (job: Pick<Job, 'id' | 'data' | 'updateProgress'>) => {
    const payload = parsePayload('training', job.data);
    const newVersionId = versionIdOf(job, deps.clock);
    let last = -1;
    const result = await retrainFromPlatform(
      { db: deps.db, repo: new PostgresModelRegistryRepository(deps.db) },
      {
        kind: payload.kind,
        name: payload.name,
        requestedBy: payload.requestedBy,
        newVersionId,
        now: deps.clock.now(),
        onProgress: (fraction, stage) => {
          const pct = Math.round(fraction * 100);
          if (pct === last) return;
          last = pct;
          void job.updateProgress({ percent: pct, stage }).catch(() => undefined);
        },
      },
    );
    const summary = { modelVersionId: result.challenger.id, kind: payload.kind, status: result.challenger.status, role: result.challenger.role, holdout: result.holdout, data: result.data };
    // Completion marker for the outbox sweeper (business key = the outbox dedupe key).
    await deps.db.insert(processedJobs).values({ queue: 'training', businessKey: trainingDedupeKey(newVersionId), processedAt: deps.clock.now(), result: JSON.parse(JSON.stringify(summary)) }).onConflictDoNothing();
    return summary;
  };
}

let database: { db: Db } | undefined;

/** BullMQ's sandbox entry: one database pool per child process. */
export default async function (job: Job): Promise<unknown> {
  database ??= connectDatabase(loadConfig().DATABASE_URL, { max: 2, applicationName: 'p2p-training' });
  return trainingProcessor({ db: database.db, clock: systemClock })(job);
}
