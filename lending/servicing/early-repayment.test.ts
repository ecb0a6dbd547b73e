import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { createLoan } from './create-loan';
import { findLoan, listInstallments } from './loans-repo';
import { repayLoan } from './repay-loan';
import { servicingPolicySchema } from './servicing-policy';
import { recordingMoney } from './testing';

const database = useTestDatabase();

async function loanAndPayoff(listingId: string, earlyRepaymentFeeBps: number) {
  const clock = new SimulatedClock('2026-01-10T02:00:00Z');
  const db = database.current.db;
  const { loanId } = await db.transaction((tx) =>
    createLoan(tx, { clock }, { listingId, borrowerId: 'B', principalFen: 300_000n, termMonths: 3, annualRateBps: 900, repaymentMethod: 'equal_principal', grade: 'A1', pd: 0.01, startDate: '2026-01-10', holdings: [{ investorId: 'I1', principalFen: 300_000n }] }),
  );
  clock.set('2026-01-25T02:00:00Z'); // 15 of the first period's 31 days
  const deps = { clock, money: recordingMoney(), policy: servicingPolicySchema.parse({ earlyRepaymentFeeBps }) };
  return { loanId, run: () => db.transaction((tx) => repayLoan(tx, deps, { loanId, borrowerId: 'B', mode: 'early', idempotencyKey: `early-${listingId}` })) };
}

describe('early repayment', () => {
  it('charges interest for the days elapsed and a fee that keeps the rate under the cap', async () => {
    const { loanId, run } = await loanAndPayoff('lst-early-ok', 10);
    const result = await run();
    // 300,000 principal + 2,250 × 15/31 = 1,089 interest + 0.1% of the 200,000 not yet due = 200 fee.
    expect(result.repayment).toMatchObject({ amountFen: 301_289n, principalFen: 300_000n, interestFen: 1_089n, feeFen: 200n });
    expect(result.loanStatus).toBe('repaid');
    const installments = await listInstallments(database.current.db, loanId);
    expect(installments.map((i) => i.principalFen)).toEqual([300_000n, 0n, 0n]);
  });

  it('refuses a fee that would lift the annualised rate above the cap, changing nothing', async () => {
    const { loanId, run } = await loanAndPayoff('lst-early-cap', 100);
    await expect(run()).rejects.toMatchObject({ code: 'BUSINESS_RULE', details: { field: 'mode' } });
    expect(await findLoan(database.current.db, loanId)).toMatchObject({ status: 'active', principalOutstandingFen: 300_000n });
    expect((await listInstallments(database.current.db, loanId)).map((i) => i.principalFen)).toEqual([100_000n, 100_000n, 100_000n]);
  });
});
