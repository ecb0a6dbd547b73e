import { describe, expect, it } from 'vitest';
import { FieldEncryption } from '../auth/field-encryption';
import { registerUser } from '../auth/register-user';
import { useTestDatabase, useTestRedis } from '../db/testing/fixture';
import { SimulatedIdentityProvider } from '../identity/identity-provider';
import { makeResidentId } from '../identity/resident-id';
import { verifyIdentity } from '../identity/verify-identity';
import { SimulatedClock } from '../kernel/clock';
import { AppError } from '../kernel/errors';
import { loadConfig } from '../kernel/config';
import { createDecisionRuntime } from './decision-runtime';
import { submitApplication } from './submit-application';
import { sampleApplication, standInModels } from './testing/stand-in-scorers';

const database = useTestDatabase();
const redis = useTestRedis();

describe('submitApplication under concurrency', () => {
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
      runtime: await createDecisionRuntime({ models: standInModels(0.004, 0.01) }),
    };
    const { id: borrowerId } = await registerUser(deps, { email: 'race@example.test', password: 'a-long-password', displayName: 'R', roles: ['borrower'] });
    await verifyIdentity({ ...deps, identityProvider: new SimulatedIdentityProvider() }, { userId: borrowerId, idempotencyKey: 'kyc-race-1', request: { name: '钱七', idNumber: makeResidentId('110105', '1985-06-01', 12), phone: '13500000009', livenessToken: 'ok' } });
    const application = sampleApplication({ amount: '150000.00', monthlyIncome: '100000.00' });
    const submit = async (key: string) => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        try {
          return await submitApplication(deps, { borrowerId, idempotencyKey: key, application });
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
        }
      }
      throw new Error(`${key} kept conflicting`);
    };
    const results = await Promise.all([submit('race-a-0001'), submit('race-b-0001')]);
    const outcomes = results.map((r) => [r.body.outcome, r.body.offeredAmount]).sort();
    expect(outcomes).toEqual([['approved', '150000.00'], ['counter_offer', '50000.00']]);
  });
});
