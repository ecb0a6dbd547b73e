import { describe, expect, it } from 'vitest';
import { identities, loanApplications, users } from '../db/schema';
import { useTestDatabase } from '../db/testing/fixture';
import { borrowerFactsAsOf } from './borrower-facts';
import { borrowerFactsBatcherFor } from './borrower-facts-batcher';
import { platformExposureSource, type BorrowerExposureSource } from './exposure-source';
import { platformHistoryAsOf } from './platform-history';

const database = useTestDatabase();
const at = new Date('2026-03-02T02:00:00Z');
const day = 86_400_000;

function application(id: string, status: 'approved' | 'declined', offeredAmountFen: bigint, createdAt: Date) {
  return { id, borrowerId: 'usr_f', borrowerType: 'individual' as const, amountFen: offeredAmountFen, termMonths: 12, purpose: 'repairs', repaymentMethod: 'equal_installment' as const, input: {}, status, offeredAmountFen, currentDecisionId: `dec_${id}`, createdAt, updatedAt: createdAt };
}

describe('borrower facts in one statement', () => {
  it('equals the separate identity, history and exposure reads', async () => {
    const { db } = database.current;
    await db.insert(users).values([
      { id: 'usr_f', email: 'f@example.test', displayName: 'F', passwordHash: 'x', createdAt: at },
      { id: 'usr_failed', email: 'g@example.test', displayName: 'G', passwordHash: 'x', createdAt: at },
    ]);
    const identity = { nameEnc: 'n', idNumberEnc: 'i', phoneEnc: 'p', birthDateEnc: 'b-enc', genderEnc: 'g', regionCode: '110105', provider: 'sim', providerRef: 'r', faceMatchScore: 0.99, livenessPassed: true, checkedAt: at };
    await db.insert(identities).values([
      { ...identity, userId: 'usr_f', status: 'verified', idNumberBidx: 'id-bidx', phoneBidx: 'ph-bidx', verifiedAt: at },
      { ...identity, userId: 'usr_failed', status: 'failed', idNumberBidx: 'id-bidx-2', phoneBidx: 'ph-bidx-2', verifiedAt: null },
    ]);
    await db.insert(loanApplications).values([
      application('app_1', 'approved', 1_000_000n, new Date(at.getTime() - 10 * day)),
      application('app_2', 'declined', 0n, new Date(at.getTime() - 20 * day)),
      application('app_3', 'approved', 2_000_000n, new Date(at.getTime() - 100 * day)),
      application('app_4', 'approved', 4_000_000n, new Date(at.getTime() + 1)), // after asOf
    ]);
    const facts = await borrowerFactsAsOf(db, 'usr_f', at);
    expect(facts).toEqual({
      identity: { idNumberBidx: 'id-bidx', phoneBidx: 'ph-bidx', birthDateEnc: 'b-enc' },
      history: await platformHistoryAsOf(db, 'usr_f', at),
      exposure: await platformExposureSource.exposure(db, 'usr_f', at),
    });
    expect(facts.history).toEqual({ priorApplications90d: 2, priorDeclines90d: 1, existingLoans: 2 });
    expect(facts.exposure).toEqual({ outstandingPrincipalFen: 0n, pendingFen: 3_000_000n });
    expect((await borrowerFactsAsOf(db, 'usr_failed', at)).identity).toBeUndefined();
    expect(await borrowerFactsAsOf(db, 'usr_nobody', at)).toEqual({ identity: undefined, history: { priorApplications90d: 0, priorDeclines90d: 0, existingLoans: 0 }, exposure: { outstandingPrincipalFen: 0n, pendingFen: 0n } });
    // A replaced exposure source (a port) is still asked.
    const custom: BorrowerExposureSource = { exposure: async () => ({ outstandingPrincipalFen: 7n, pendingFen: 8n }) };
    expect((await borrowerFactsAsOf(db, 'usr_f', at, custom)).exposure).toEqual({ outstandingPrincipalFen: 7n, pendingFen: 8n });
  });

  it('groups concurrent reads into one statement, each read as of its own time', async () => {
    const { db } = database.current;
    await db.insert(users).values({ id: 'usr_g', email: 'g2@example.test', displayName: 'G2', passwordHash: 'x', createdAt: at });
    await db.insert(loanApplications).values([
      { ...application('app_g1', 'approved', 1_000_000n, new Date(at.getTime() - 10 * day)), borrowerId: 'usr_g' },
      { ...application('app_g2', 'declined', 0n, new Date(at.getTime() - 20 * day)), borrowerId: 'usr_g' },
      { ...application('app_g3', 'approved', 2_000_000n, new Date(at.getTime() - 100 * day)), borrowerId: 'usr_g' },
    ]);
    const reads = [
      { borrowerId: 'usr_g', asOf: at },
      { borrowerId: 'usr_g', asOf: new Date(at.getTime() - 15 * day) }, // before app_g1: one approved application fewer
      { borrowerId: 'usr_nobody', asOf: at },
      { borrowerId: 'usr_g', asOf: new Date(at.getTime() - 50 * day) },
    ];
    const batcher = borrowerFactsBatcherFor(db);
    const before = { ...batcher.stats };
    const facts = await Promise.all(reads.map((r) => borrowerFactsAsOf(db, r.borrowerId, r.asOf)));
    expect(batcher.stats.reads - before.reads).toBe(reads.length);
    expect(batcher.stats.statements - before.statements).toBe(1);
    for (const [k, r] of reads.entries()) {
      expect(facts[k]).toEqual({ identity: undefined, history: await platformHistoryAsOf(db, r.borrowerId, r.asOf), exposure: await platformExposureSource.exposure(db, r.borrowerId, r.asOf) });
    }
    expect(facts.map((f) => f.history.existingLoans)).toEqual([2, 1, 0, 1]);
    expect(facts.map((f) => f.history.priorApplications90d)).toEqual([2, 2, 0, 1]);
  });

  it('answers the other reads of a statement that failed (each again on its own) and rejects only the bad one', async () => {
    const { db } = database.current;
    const results = await Promise.allSettled([borrowerFactsAsOf(db, 'usr_a', at), borrowerFactsAsOf(db, 'usr_b', new Date(Number.NaN)), borrowerFactsAsOf(db, 'usr_c', at)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: { identity: undefined, history: { priorApplications90d: 0, priorDeclines90d: 0, existingLoans: 0 }, exposure: { outstandingPrincipalFen: 0n, pendingFen: 0n } } });
    // And the batcher goes on.
    expect((await borrowerFactsAsOf(db, 'usr_a', at)).exposure).toEqual({ outstandingPrincipalFen: 0n, pendingFen: 0n });
  });
});
