import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/testing/fixture';
import { SimulatedClock } from '../kernel/clock';
import { createTransfer, EXTERNAL_WORLD, openAccounts, openPlatformAccounts, openUserAccounts, PLATFORM_FEE, PLATFORM_MARKETING, simpleTransfer, TRANSFER_RULES, userAvailable, verifyLedger } from './index';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');

describe('the platform has no account that can receive lender or borrower money (REQUIREMENTS 19)', () => {
  it('allows user money into a platform account only as a fee, and marketing money only out to users', () => {
    for (const [kind, rule] of Object.entries(TRANSFER_RULES)) {
      const fromUser = rule.debit.some((t) => t.startsWith('user:'));
      const toPlatform = rule.credit.some((t) => t.startsWith('platform:'));
      if (fromUser && toPlatform) expect({ kind, credit: rule.credit }).toEqual({ kind: 'fee', credit: ['platform:fee'] });
      if ((rule.debit as readonly string[]).includes('platform:marketing')) expect(rule.credit).toEqual(['user:available']);
      if ((rule.credit as readonly string[]).includes('platform:marketing')) expect(rule.debit).toEqual(['external:world']);
    }
  });

  it('refuses, and writes nothing for, an attempt to move a user’s money into the platform', async () => {
    const { db } = database.current;
    await openPlatformAccounts(db, clock);
    await openUserAccounts(db, clock, 'lender-1');
    await createTransfer(db, clock, simpleTransfer({ idempotencyKey: 'seed-deposit', kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable('lender-1'), amountFen: 10_000n, authorisation: { kind: 'one_time_code', reference: 't' }, custody: 'direct' }));
    const before = await verifyLedger(db);
    const attempts = [
      simpleTransfer({ idempotencyKey: 'pool-1', kind: 'marketing_credit', debit: userAvailable('lender-1'), credit: PLATFORM_MARKETING, amountFen: 100n }),
      simpleTransfer({ idempotencyKey: 'pool-2', kind: 'fee', debit: userAvailable('lender-1'), credit: PLATFORM_MARKETING, amountFen: 100n, authorisation: { kind: 'one_time_code', reference: 't' } }),
      simpleTransfer({ idempotencyKey: 'pool-3', kind: 'repayment', debit: userAvailable('lender-1'), credit: PLATFORM_FEE, amountFen: 100n, authorisation: { kind: 'repayment_mandate', reference: 't' } }),
      // Even the fee needs the payer's one-time code.
      simpleTransfer({ idempotencyKey: 'pool-4', kind: 'fee', debit: userAvailable('lender-1'), credit: PLATFORM_FEE, amountFen: 100n }),
    ];
    for (const attempt of attempts) await expect(createTransfer(db, clock, attempt)).rejects.toMatchObject({ code: 'BUSINESS_RULE' });
    await expect(openAccounts(db, clock, [{ ownerKind: 'platform', ownerId: 'platform', purpose: 'pool' }])).rejects.toMatchObject({ code: 'BUSINESS_RULE' });
    const after = await verifyLedger(db);
    expect(after.transfers).toBe(before.transfers);
    expect(after.ok).toBe(true);
  });
});
