import { describe, expect, it } from 'vitest';
import { FieldEncryption } from '../auth/field-encryption';
import { registerUser } from '../auth/register-user';
import { outcomeLabels } from '../db/schema';
import { useTestDatabase, useTestRedis } from '../db/testing/fixture';
import { createDecisionRuntime } from '../decision-engine/decision-runtime';
import { submitApplication } from '../decision-engine/submit-application';
import { sampleApplication } from '../decision-engine/testing/stand-in-scorers';
import { SimulatedIdentityProvider } from '../identity/identity-provider';
import { makeResidentId } from '../identity/resident-id';
import { verifyIdentity } from '../identity/verify-identity';
import { SimulatedClock } from '../kernel/clock';
import { loadConfig } from '../kernel/config';
import { buildTrainingFrame } from './build-training-frame';

const database = useTestDatabase();
const redis = useTestRedis();

describe('offline training frame', () => {
  it('gives each application its features as of its own decision time, and labels observed later', async () => {
    const clock = new SimulatedClock('2026-03-02T02:00:00Z');
    const config = loadConfig();
    const fieldEncryption = new FieldEncryption(config.FIELD_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY);
    const deps = { db: database.current.db, redis: redis.current.redis, redisPrefix: redis.current.prefix, clock, fieldEncryption, runtime: await createDecisionRuntime() };
    const { id: borrowerId } = await registerUser(deps, { email: 'frame@example.test', password: 'a-long-password', displayName: 'F', roles: ['borrower'] });
    await verifyIdentity({ ...deps, identityProvider: new SimulatedIdentityProvider() }, { userId: borrowerId, idempotencyKey: 'kyc-frame-1', request: { name: '赵六', idNumber: makeResidentId('110105', '1990-01-01', 7), phone: '13700000007', livenessToken: 'ok' } });

    const first = await submitApplication(deps, { borrowerId, idempotencyKey: 'frame-app-1', application: sampleApplication({ amount: '10000.00' }) });
    const decidedFirstAt = clock.now();
    clock.advanceDays(2);
    const second = await submitApplication(deps, { borrowerId, idempotencyKey: 'frame-app-2', application: sampleApplication({ amount: '12000.00' }) });
    clock.advanceDays(200);
    // Servicing writes labels long after the decisions; one arrives after the frame's cut-off.
    await database.current.db.insert(outcomeLabels).values([
      { applicationId: first.body.id, label: 'bad', observedAt: new Date('2026-09-01T00:00:00Z') },
      { applicationId: second.body.id, label: 'good', observedAt: new Date('2027-01-01T00:00:00Z') },
    ]);

    const frame = await buildTrainingFrame(database.current.db, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-12-31T00:00:00Z'), labelsAsOf: new Date('2026-10-01T00:00:00Z') });
    expect(frame.map((r) => r.applicationId)).toEqual([first.body.id, second.body.id]);
    const [a, b] = frame as [(typeof frame)[0], (typeof frame)[0]];
    expect(a.asOf).toEqual(decidedFirstAt);
    // Nothing about the second application (two days later) leaks into the first row.
    expect(a.features).toMatchObject({ prior_applications_90d: 0, id_applications_30d: 1, id_applications_24h: 1, device_applications_30d: 1, amount_fen: 1_000_000 });
    expect(b.features).toMatchObject({ prior_applications_90d: 1, id_applications_30d: 2, id_applications_24h: 1, amount_fen: 1_200_000 });
    expect(a.label).toBe('bad');
    expect(b.label).toBeNull();
  }, 180_000);
});
