import type { Db, DbOrTx } from '../../../db/client';
import { identities, investorProfiles, listings, users } from '../../../db/schema';
import { addDays, chinaDate } from '../../../kernel/calendar';
import { hashCanonical } from '../../../kernel/canonical-json';
import type { Clock } from '../../../kernel/clock';
import { newId } from '../../../kernel/ids';
import { EXTERNAL_WORLD, listingEscrow, openAccounts, openPlatformAccounts, userAvailable, userHeld, createTransfers, simpleTransfer } from '../../../ledger';
import { DEFAULT_MARKETPLACE_CONFIG } from '../config';

/**
 * Test and benchmark fixtures: users with a verified identity (placeholder ciphertexts: the
 * marketplace only reads the status), onboarded investor profiles, funded custody accounts,
 * and listings inserted directly (decisioning is another context's test subject).
 */
export async function seedUsers(db: Db, clock: Clock, count: number, options: { label?: string; verified?: boolean } = {}): Promise<string[]> {
  const now = clock.now();
  const ids = Array.from({ length: count }, () => newId('usr', clock));
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db.insert(users).values(chunk.map((id) => ({ id, email: `${options.label ?? 'u'}-${id}@example.test`, displayName: id, passwordHash: 'x', createdAt: now })));
    if (options.verified ?? true) {
      await db.insert(identities).values(
        chunk.map((id) => ({
          userId: id,
          status: 'verified' as const,
          nameEnc: 'x',
          idNumberEnc: 'x',
          idNumberBidx: `bidx-${id}`,
          phoneEnc: 'x',
          phoneBidx: `pbidx-${id}`,
          birthDateEnc: 'x',
          genderEnc: 'x',
          regionCode: '110105',
          provider: 'test',
          providerRef: id,
          faceMatchScore: 0.95,
          livenessPassed: true,
          verifiedAt: now,
          checkedAt: now,
        })),
      );
    }
  }
  return ids;
}

export async function seedInvestorProfiles(db: DbOrTx, ids: string[], tier = 'aggressive', options: { acknowledged?: boolean } = {}): Promise<void> {
  if (ids.length === 0) return;
  await db.insert(investorProfiles).values(
    ids.map((userId) => ({
      userId,
      answers: {},
      score: 90,
      tier,
      acknowledgmentVersion: options.acknowledged === false ? null : DEFAULT_MARKETPLACE_CONFIG.riskAcknowledgmentVersion,
      netInvestableAssetsFen: 100_000_000n,
    })),
  );
}

/** Opens custody accounts and deposits `balances[i]` fen into user i's available account. */
export async function fundUsers(db: Db, clock: Clock, ids: string[], balances: bigint[]): Promise<void> {
  await openPlatformAccounts(db, clock);
  await openAccounts(db, clock, ids.flatMap((id) => [userAvailable(id), userHeld(id)]));
  const deposits = ids
    .map((id, i) => ({ id, amountFen: balances[i]! }))
    .filter((d) => d.amountFen > 0n)
    .map((d) =>
      simpleTransfer({ idempotencyKey: `seed-deposit:${d.id}:${hashCanonical(d)}`, kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable(d.id), amountFen: d.amountFen, authorisation: { kind: 'one_time_code', reference: 'seed' }, custody: 'direct' }),
    );
  for (let i = 0; i < deposits.length; i += 500) await createTransfers(db, clock, deposits.slice(i, i + 500));
}

export interface SeedListingInput {
  borrowerId: string;
  amountFen: bigint;
  grade?: string;
  termMonths?: number;
  aprBps?: number;
  upfrontFeeFen?: bigint;
  closesOn?: string;
}

export async function seedListing(db: DbOrTx, clock: Clock, input: SeedListingInput): Promise<string> {
  const id = newId('lst', clock);
  const disclosures = { project: { name: 'test listing' } };
  await db.insert(listings).values({
    id,
    applicationId: `app-${id}`,
    decisionId: `dec-${id}`,
    borrowerId: input.borrowerId,
    borrowerType: 'individual',
    grade: input.grade ?? 'B2',
    pd: 0.03,
    expectedLossBps: 240,
    aprBps: input.aprBps ?? 1200,
    nominalRateBps: input.aprBps ?? 1200,
    upfrontFeeFen: input.upfrontFeeFen ?? 0n,
    termMonths: input.termMonths ?? 12,
    repaymentMethod: 'equal_installment',
    purpose: 'repairs',
    title: '房屋装修',
    description: '借款用于房屋装修，还款来源为工资收入。',
    amountFen: input.amountFen,
    status: 'open',
    disclosures,
    disclosuresHash: hashCanonical(disclosures),
    openedAt: clock.now(),
    closesOn: input.closesOn ?? addDays(chinaDate(clock.now()), 28),
  });
  await openAccounts(db, clock, [listingEscrow(id)]);
  return id;
}
