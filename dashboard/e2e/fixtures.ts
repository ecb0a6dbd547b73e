import { expect, inject } from 'vitest';
import { connectDatabase, type Db } from '../../db/client';
import { seedDecision } from '../../lending/marketplace/testing/seed-decision';
import { systemClock } from '../../kernel/clock';
import { apiAs, randomResidentId } from './browser';

/**
 * Set-up for browser tests that are about a later step: earlier steps go through the real API
 * (or, for what only a job processor does, the real use case), never straight into tables.
 */
export type ApiCall = Awaited<ReturnType<typeof apiAs>>;

/** A mobile number unique enough per run (identities are unique by phone too). */
export function randomPhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** Runs `fn` with a connection to the test run's database (for job processors' use cases). */
export async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const database = connectDatabase(inject('databaseUrl'), { max: 1, applicationName: 'p2p-e2e' });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

export async function verifyIdentity(call: ApiCall, name: string): Promise<void> {
  const kyc = await call('POST', '/api/v1/me/kyc', { name, idNumber: randomResidentId(), phone: randomPhone(), livenessToken: 'ok' }, `kyc-${randomPhone()}`);
  expect(kyc.status).toBe(201);
}

/** Verified, aggressive tier, current risk disclosure acknowledged: ready to bid. */
export async function onboardInvestor(call: ApiCall, name: string): Promise<void> {
  await verifyIdentity(call, name);
  const questionnaire = { age: 40, annualIncome: 'over_1m', netInvestableAssets: '800000.00', experience: 'over_5_years', riskPreference: 'aggressive', lossTolerance: 'over_30' };
  expect((await call('POST', '/api/v1/me/investor/risk-assessment', questionnaire)).status).toBe(200);
  const status = await call('GET', '/api/v1/me/investor');
  const version = status.body.acknowledgment.currentVersion as string;
  expect((await call('POST', '/api/v1/me/investor/acknowledgment', { version })).status).toBe(200);
}

/** A deposit with the simulated bank's one-time code, as the custody page does it. */
export async function deposit(call: ApiCall, amount: string): Promise<void> {
  const challenge = await call('POST', '/api/v1/custody/one-time-codes', { movement: 'deposit', amount });
  expect(challenge.status).toBe(201);
  const challengeId = challenge.body.challengeId as string;
  const code = (await call('GET', `/api/v1/custody/one-time-codes/${challengeId}`)).body.code as string;
  const done = await call('POST', '/api/v1/custody/deposits', { amount, challengeId, oneTimeCode: code }, `dep-${challengeId}`);
  expect(done.status).toBe(201);
}

/**
 * An application with an approved (or counter-offered) decision from the real decision engine.
 * If the model happens not to approve this profile, an approved decision is seeded for the same
 * borrower (decisioning is the subject of other tests) so that the offer can still be accepted.
 */
export async function approvedApplication(call: ApiCall, borrowerId: string, amountFen: bigint): Promise<string> {
  const application = await call(
    'POST',
    '/api/v1/applications',
    {
      amount: (Number(amountFen) / 100).toFixed(2),
      termMonths: 12,
      purpose: 'education',
      repaymentMethod: 'equal_installment',
      borrowerType: 'individual',
      monthlyIncome: '25000',
      monthlyDebtPayments: '0',
      declaredOtherPlatformOutstanding: '0',
      employment: { status: 'employed', occupationClass: 'skilled', yearsEmployed: 8 },
      housing: { status: 'own', yearsAtAddress: 6 },
      checkingBalanceBand: 'ge_200',
      savingsBalanceBand: 'ge_1000',
      mostValuableAsset: 'real_estate',
      guarantor: 'none',
      dependents: 0,
      nonLocalWorker: false,
      device: { id: `device-${borrowerId}`, ip: '10.1.2.5' },
    },
    `app-${borrowerId}`,
  );
  if (application.body?.id && ['approved', 'counter_offer'].includes(application.body?.outcome)) return application.body.id as string;
  return withDatabase(async (db) => (await seedDecision(db, systemClock, { borrowerId, outcome: 'approved', amountFen, grade: 'C2' })).applicationId);
}
