/** The training processor as the worker runs it: `tsx`, BullMQ sandbox (forked child), real Postgres and Redis. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTestDatabase, useTestRedis } from '../../db/testing/fixture';
import { ensureBootstrapChampions } from '../../models/registry/ensure-bootstrap-champions';
import { PostgresModelRegistryRepository } from '../../models/registry/postgres-repository';

const database = useTestDatabase();
const redis = useTestRedis();
const root = path.resolve(import.meta.dirname, '../..');

describe('sandboxed training under tsx', () => {
  it('runs in a forked child that inherits the tsx loader and registers a draft challenger', { timeout: 180_000 }, async () => {
    const repo = new PostgresModelRegistryRepository(database.current.db);
    await ensureBootstrapChampions(repo, new Date('2026-03-02T02:00:00Z'));
    const versionId = 'mdl_01JSANDBOXTEST00000000000A';
    const { stdout } = await promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['jobs/processors/testing/run-sandboxed-training.ts', `train_${versionId}`], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.current.url, REDIS_PREFIX: redis.current.prefix, NODE_ENV: 'test' },
      timeout: 170_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { state: string; result: { modelVersionId: string; data: { source: string } }; failedReason: string | null; progress: { percent: number } };
    expect(out.failedReason).toBeNull();
    expect(out.state).toBe('completed');
    expect(out.result).toMatchObject({ modelVersionId: versionId, data: { source: 'fallback' } });
    expect(out.progress.percent).toBe(100);
    expect(await repo.getVersion(versionId)).toMatchObject({ status: 'draft', role: 'challenger', createdBy: 'sandbox-test' });
  });
});
