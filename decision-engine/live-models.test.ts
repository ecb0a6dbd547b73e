/** Live traffic is decided only by the registry's approved champion; a challenger is scored in shadow. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { FieldEncryption } from '../auth/field-encryption';
import { registerUser } from '../auth/register-user';
import { decisions, modelShadowScores } from '../db/schema';
import { useTestDatabase, useTestRedis } from '../db/testing/fixture';
import { SimulatedIdentityProvider } from '../identity/identity-provider';
import { makeResidentId } from '../identity/resident-id';
import { verifyIdentity } from '../identity/verify-identity';
import { SimulatedClock } from '../kernel/clock';
import { loadConfig } from '../kernel/config';
import { loadBootstrapArtifact } from '../models/bootstrap/load-bootstrap';
import { INSTALL_ACTOR } from '../models/registry/ensure-bootstrap-champions';
import { PostgresModelRegistryRepository } from '../models/registry/postgres-repository';
import { approvePromotion, markValidated, requestPromotion, setChallenger } from '../models/registry/promote-model';
import { registerModelVersion } from '../models/registry/register-model-version';
import { createDecisionRuntime } from './decision-runtime';
import { submitApplication } from './submit-application';
import { sampleApplication } from './testing/stand-in-scorers';

const database = useTestDatabase();
const redis = useTestRedis();

describe('live scoring from the model registry', () => {
  it('registers the bootstrap champions, decides only with the approved champion, shadow-scores the challenger', { timeout: 120_000 }, async () => {
    const clock = new SimulatedClock('2026-03-02T02:00:00Z');
    const config = loadConfig();
    const db = database.current.db;
    const runtime = await createDecisionRuntime();
    const deps = { db, redis: redis.current.redis, redisPrefix: redis.current.prefix, clock, fieldEncryption: new FieldEncryption(config.FIELD_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY), runtime };
    const { id: borrowerId } = await registerUser(deps, { email: 'live@example.test', password: 'a-long-password', displayName: 'L', roles: ['borrower'] });
    await verifyIdentity({ ...deps, identityProvider: new SimulatedIdentityProvider() }, { userId: borrowerId, idempotencyKey: 'kyc-live-1', request: { name: '孙八', idNumber: makeResidentId('110105', '1985-06-01', 14), phone: '13500000019', livenessToken: 'ok' } });
    const apply = async (key: string) => {
      clock.advanceMs(60_000);
      const res = await submitApplication(deps, { borrowerId, idempotencyKey: key, application: sampleApplication({ amount: '5000.00' }) });
      const [row] = await db.select().from(decisions).where(eq(decisions.id, res.body.decisionId));
      return row!;
    };

    // First use: the bootstrap models become the approved champions, approved by the system at install.
    const first = await apply('live-key-0001');
    const repo = new PostgresModelRegistryRepository(db);
    const { id: bootstrapCreditId, artifact } = await loadBootstrapArtifact('credit');
    expect(first.creditModelVersion).toBe(bootstrapCreditId);
    expect(await repo.getVersion(bootstrapCreditId)).toMatchObject({ status: 'approved', role: 'champion', createdBy: INSTALL_ACTOR });
    expect(first.pd!).toBeLessThan(0.9);

    // A validated model that predicts default for everyone, set as challenger: it never decides.
    const alwaysBad = { ...artifact, calibration: { type: 'platt' as const, a: 0, b: 5 } };
    const newId = 'mdl_01JTESTALWAYSBAD000000000A';
    await registerModelVersion(repo, { id: newId, name: 'always-bad', artifact: alwaysBad, metrics: {}, trainingDataHash: 'h', owner: 'risk', intendedUse: 'test', createdBy: 'maker', now: clock.now() });
    await markValidated(repo, newId);
    await setChallenger(repo, newId);
    runtime.invalidateModels();
    const second = await apply('live-key-0002');
    expect(second.creditModelVersion).toBe(bootstrapCreditId);
    expect(second.pd!).toBeLessThan(0.9);
    await runtime.flushShadowScores();
    const shadow = await db.select().from(modelShadowScores).where(eq(modelShadowScores.requestId, second.id));
    expect(shadow).toHaveLength(1);
    expect(shadow[0]).toMatchObject({ championId: bootstrapCreditId, challengerId: newId, championProbability: second.pd });
    expect(shadow[0]!.challengerProbability).toBeGreaterThan(0.99);

    // Once a second analyst approves its promotion, it is the champion and it decides.
    await requestPromotion(repo, { requestId: 'pr-live-1', modelVersionId: newId, requestedBy: 'checker-a', now: clock.now() });
    await approvePromotion(repo, { requestId: 'pr-live-1', approver: 'checker-b', now: clock.now() });
    runtime.invalidateModels();
    const third = await apply('live-key-0003');
    expect(third.creditModelVersion).toBe(newId);
    expect(third.pd!).toBeGreaterThan(0.99);
    expect(third.outcome).toBe('declined');
  });
});
