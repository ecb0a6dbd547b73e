import { describe, expect, it } from 'vitest';
import { listings, loanApplications, loans } from '../db/schema';
import { useTestDatabase } from '../db/testing/fixture';
import { platformExposureSource } from './exposure-source';

const database = useTestDatabase();
const at = new Date('2026-03-02T02:00:00Z');

function application(id: string, status: 'approved' | 'declined', offeredAmountFen: bigint, createdAt = at) {
  return { id, borrowerId: 'usr_b', borrowerType: 'individual' as const, amountFen: offeredAmountFen, termMonths: 12, purpose: 'repairs', repaymentMethod: 'equal_installment' as const, input: {}, status, offeredAmountFen, currentDecisionId: `dec_${id}`, createdAt, updatedAt: createdAt };
}

function listing(id: string, applicationId: string, amountFen: bigint, status: 'open' | 'funded' | 'disbursed' | 'expired') {
  return { id, applicationId, decisionId: `dec_${applicationId}`, borrowerId: 'usr_b', borrowerType: 'individual' as const, grade: 'B1', pd: 0.02, expectedLossBps: 100, aprBps: 800, nominalRateBps: 700, upfrontFeeFen: 0n, termMonths: 12, repaymentMethod: 'equal_installment' as const, purpose: 'repairs', title: 't', description: 'd', amountFen, status, disclosures: {}, disclosuresHash: 'h', openedAt: at, closesOn: '2026-03-30' };
}

describe('platform exposure source', () => {
  it('sums outstanding loan principal, live listings and approved-unlisted applications before the decision time', async () => {
    const { db } = database.current;
    const earlier = new Date(at.getTime() - 86_400_000);
    await db.insert(loanApplications).values([
      application('app_listed_open', 'approved', 3_000_000n, earlier),
      application('app_listed_done', 'approved', 5_000_000n, earlier),
      application('app_unlisted', 'approved', 1_000_000n, earlier),
      application('app_declined', 'declined', 0n, earlier),
      application('app_later', 'approved', 7_000_000n, new Date(at.getTime() + 1)),
    ]);
    await db.insert(listings).values([listing('lst_open', 'app_listed_open', 3_000_000n, 'open'), listing('lst_done', 'app_listed_done', 5_000_000n, 'disbursed'), listing('lst_old', 'app_x', 9_000_000n, 'expired')]);
    await db.insert(loans).values({
      id: 'loan_1', listingId: 'lst_done', applicationId: 'app_listed_done', borrowerId: 'usr_b', principalFen: 5_000_000n, termMonths: 12, annualRateBps: 700, aprBps: 800, rateCapBps: 1200, penaltyRateBps: 1000,
      repaymentMethod: 'equal_installment', grade: 'B1', pd: 0.02, startDate: '2026-02-01', maturityDate: '2027-02-01', principalOutstandingFen: 4_200_000n, interestOutstandingFen: 100_000n, fundedAt: earlier,
    } as typeof loans.$inferInsert);
    expect(await platformExposureSource.exposure(db, 'usr_b', at)).toEqual({ outstandingPrincipalFen: 4_200_000n, pendingFen: 3_000_000n + 1_000_000n });
    expect(await platformExposureSource.exposure(db, 'usr_other', at)).toEqual({ outstandingPrincipalFen: 0n, pendingFen: 0n });
  });
});
