import { describe, expect, it } from 'vitest';
import { FieldEncryption } from '../auth/field-encryption';
import { registerUser } from '../auth/register-user';
import { useTestDatabase, useTestRedis } from '../db/testing/fixture';
import { SimulatedIdentityProvider } from '../identity/identity-provider';
import { makeResidentId } from '../identity/resident-id';
import { verifyIdentity } from '../identity/verify-identity';
import { SimulatedClock } from '../kernel/clock';
import { AppError } from '../kernel/errors';
import { canonicalJson } from '../kernel/canonical-json';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../kernel/config';
import { platformExposureSource, type BorrowerExposureSource } from '../feature-store/exposure-source';
import { verifyDecisionChain } from './decision-chain';
import { createDecisionRuntime } from './decision-runtime';
import { decisionWriterFor } from './decision-writer';
import { submitApplication } from './submit-application';
import { sampleApplication, standInModels } from './testing/stand-in-scorers';

const database = useTestDatabase();
const redis = useTestRedis();

// A replaced exposure source (a port) is asked per borrower under the writer's locks; the platform's own is read in one statement.
const replacedSource: BorrowerExposureSource = { exposure: (db, borrowerId, asOf) => platformExposureSource.exposure(db, borrowerId, asOf) };

describe.each([
  ['platform', undefined, 0],
  ['replaced', replacedSource, 500],
] as const)('submitApplication under concurrency (%s exposure source)', (label, exposureSource, person) => {
  it('keeps the platform cap when one borrower applies twice at the same moment', async () => {
    const clock = new SimulatedClock('2026-03-02T02:00:00Z');
    const config = loadConfig();
    const deps = {
      db: database.current.db,
      redis: redis.current.redis,
      redisPrefix: redis.current.prefix,
      clock,
      fieldEncryption: new FieldEncryption(config.FIELD_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY),
      // Stand-in models: an A1 applicant, so only the platform cap can bind.
      runtime: await createDecisionRuntime({ models: standInModels(0.004, 0.01), exposureSource }),
    };
    const { id: borrowerId } = await registerUser(deps, { email: `race-${label}@example.test`, password: 'a-long-password', displayName: 'R', roles: ['borrower'] });
    await verifyIdentity({ ...deps, identityProvider: new SimulatedIdentityProvider() }, { userId: borrowerId, idempotencyKey: `kyc-race-${label}`, request: { name: '钱七', idNumber: makeResidentId('110105', '1985-06-01', 12 + person), phone: `135${String(9 + person).padStart(8, '0')}`, livenessToken: 'ok' } });
    // Its own device: the other case's borrowers must not count as identities sharing it.
    const application = sampleApplication({ amount: '150000.00', monthlyIncome: '100000.00', device: { id: `race-device-${label}`, ip: '10.9.9.9' } });
    // No retry here: the one whose write finds the other committed is decided again on the server.
    const submit = (key: string) => submitApplication(deps, { borrowerId, idempotencyKey: key, application });
    const results = await Promise.all([submit('race-a-0001'), submit('race-b-0001')]);
    const outcomes = results.map((r) => [r.body.outcome, r.body.offeredAmount]).sort();
    expect(outcomes).toEqual([['approved', '150000.00'], ['counter_offer', '50000.00']]);
  });

  it('group-commits decisions that arrive together: one valid chain, every key replays its own first response', async () => {
    const clock = new SimulatedClock('2026-03-02T02:00:00Z');
    const config = loadConfig();
    const runtime = await createDecisionRuntime({ models: standInModels(0.004, 0.01), exposureSource });
    const deps = { db: database.current.db, redis: redis.current.redis, redisPrefix: redis.current.prefix, clock, fieldEncryption: new FieldEncryption(config.FIELD_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY), runtime };
    const borrowers: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const { id } = await registerUser(deps, { email: `batch-${label}-${i}@example.test`, password: 'a-long-password', displayName: `B${i}`, roles: ['borrower'] });
      await verifyIdentity({ ...deps, identityProvider: new SimulatedIdentityProvider() }, { userId: id, idempotencyKey: `kyc-batch-${label}-${i}`, request: { name: '孙八', idNumber: makeResidentId('110105', '1986-06-01', 100 + person + i), phone: `136${String(person + i).padStart(8, '0')}`, livenessToken: 'ok' } });
      borrowers.push(id);
    }
    const count = async () => (await deps.db.execute<{ decisions: number; applications: number }>(sql`SELECT (SELECT count(*)::int FROM decisions) AS decisions, (SELECT count(*)::int FROM loan_applications) AS applications`)).rows[0]!;
    const rowsBefore = await count();
    const writer = decisionWriterFor(deps.db, runtime.exposureSource);
    const before = { ...writer.stats };
    const amountOf = (i: number) => `${1_000 + i * 100}.00`;
    const first = await Promise.all(borrowers.map((borrowerId, i) => submitApplication(deps, { borrowerId, idempotencyKey: `batch-key-${i}`, application: sampleApplication({ amount: amountOf(i), monthlyIncome: '100000.00' }) })));
    const batches = writer.stats.batches - before.batches;
    expect(writer.stats.writes - before.writes).toBe(40);
    expect(batches).toBeLessThan(40); // they were written together, not one transaction each
    first.forEach((r, i) => {
      expect(r.replayed).toBe(false);
      expect(r.body.requestedAmount).toBe(amountOf(i));
    });
    // Retries (some concurrent with new applications) replay exactly their own first response.
    const again = await Promise.all(borrowers.map((borrowerId, i) => submitApplication(deps, { borrowerId, idempotencyKey: `batch-key-${i}`, application: sampleApplication({ amount: amountOf(i), monthlyIncome: '100000.00' }) })));
    again.forEach((r, i) => {
      expect(r.replayed).toBe(true);
      expect(r.body).toEqual(first[i]!.body);
    });
    const mismatch = await submitApplication(deps, { borrowerId: borrowers[0]!, idempotencyKey: 'batch-key-0', application: sampleApplication({ amount: '999.00', monthlyIncome: '100000.00' }) }).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(AppError);
    expect((mismatch as AppError).code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await count()).toEqual({ decisions: rowsBefore.decisions + 40, applications: rowsBefore.applications + 40 });
    const chain = await verifyDecisionChain(deps.db);
    expect(chain.ok).toBe(true);
    expect(chain.recordsChecked).toBe(rowsBefore.decisions + 40);
    // The large JSON columns hold the sealed canonical text itself (json, not re-encoded as jsonb).
    const stored = await deps.db.execute<Record<string, string>>(sql`SELECT features::text AS f, rule_results::text AS r, scores::text AS s FROM decisions ORDER BY seq DESC LIMIT 40`);
    for (const text of stored.rows.flatMap((row) => Object.values(row))) expect(text).toBe(canonicalJson(JSON.parse(text)));
  });
});

describe('submitApplication when the exposure moves between the read and the write', () => {
  it('decides again from fresh facts instead of answering 409, and gives up after three attempts', async () => {
    const clock = new SimulatedClock('2026-03-02T02:00:00Z');
    const config = loadConfig();
    // Asked for the features (odd calls) and again under the writer's locks (even calls): the
    // re-check sees one more fen than the read while `moves` lasts, as if another application
    // of the borrower's had committed in between.
    let calls = 0;
    let moves = 0;
    const movingSource: BorrowerExposureSource = {
      async exposure(db, borrowerId, asOf) {
        calls += 1;
        const real = await platformExposureSource.exposure(db, borrowerId, asOf);
        if (calls % 2 === 0 && moves > 0) {
          moves -= 1;
          return { ...real, pendingFen: real.pendingFen + 1n };
        }
        return real;
      },
    };
    const deps = { db: database.current.db, redis: redis.current.redis, redisPrefix: redis.current.prefix, clock, fieldEncryption: new FieldEncryption(config.FIELD_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY), runtime: await createDecisionRuntime({ models: standInModels(0.004, 0.01), exposureSource: movingSource }) };
    const { id: borrowerId } = await registerUser(deps, { email: 'moving@example.test', password: 'a-long-password', displayName: 'M', roles: ['borrower'] });
    await verifyIdentity({ ...deps, identityProvider: new SimulatedIdentityProvider() }, { userId: borrowerId, idempotencyKey: 'kyc-moving', request: { name: '周九', idNumber: makeResidentId('110105', '1987-06-01', 700), phone: '13700000700', livenessToken: 'ok' } });
    const application = sampleApplication({ amount: '1000.00', monthlyIncome: '100000.00', device: { id: 'moving-device', ip: '10.7.7.7' } });
    const count = async () => (await deps.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM decisions WHERE borrower_id = ${borrowerId}`)).rows[0]!.n;

    moves = 1;
    calls = 0;
    const decided = await submitApplication(deps, { borrowerId, idempotencyKey: 'moving-0001', application });
    expect(decided.status).toBe(201);
    expect(calls).toBe(4); // read, refused re-check, read again, accepted re-check
    expect(await count()).toBe(1);

    // Still moving after three attempts: the applicant gets the retryable 409, and nothing is written.
    moves = 3;
    const refused = await submitApplication(deps, { borrowerId, idempotencyKey: 'moving-0002', application }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CONFLICT');
    expect(await count()).toBe(1);
    // The key was released: the same request succeeds once the exposure holds still.
    expect((await submitApplication(deps, { borrowerId, idempotencyKey: 'moving-0002', application })).status).toBe(201);
    expect(await count()).toBe(2);
  });
});
