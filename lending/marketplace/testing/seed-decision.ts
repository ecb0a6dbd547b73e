import type { FieldEncryption } from '../../../auth/field-encryption';
import type { DbOrTx } from '../../../db/client';
import { decisions, identities, loanApplications, users } from '../../../db/schema';
import type { Clock } from '../../../kernel/clock';
import { newId } from '../../../kernel/ids';

/**
 * Test fixtures for listing creation: a borrower with a really encrypted identity (createListing
 * decrypts it to mask it) and an application with a decision inserted directly (decisioning is
 * another context's test subject; the decision chain is not verified here).
 */
export async function seedVerifiedBorrower(db: DbOrTx, clock: Clock, fe: FieldEncryption, identity: { name: string; idNumber: string }): Promise<string> {
  const id = newId('usr', clock);
  const now = clock.now();
  await db.insert(users).values({ id, email: `borrower-${id}@example.test`, displayName: id, passwordHash: 'x', createdAt: now });
  await db.insert(identities).values({
    userId: id,
    status: 'verified',
    nameEnc: fe.encrypt(identity.name),
    idNumberEnc: fe.encrypt(identity.idNumber),
    idNumberBidx: fe.blindIndex(identity.idNumber),
    phoneEnc: fe.encrypt('13800001234'),
    phoneBidx: fe.blindIndex(`13800001234-${id}`),
    birthDateEnc: fe.encrypt('1990-05-17'),
    genderEnc: fe.encrypt('male'),
    regionCode: identity.idNumber.slice(0, 6),
    provider: 'test',
    providerRef: id,
    faceMatchScore: 0.95,
    livenessPassed: true,
    verifiedAt: now,
    checkedAt: now,
  });
  return id;
}

export async function seedDecision(
  db: DbOrTx,
  clock: Clock,
  input: { borrowerId: string; outcome: 'approved' | 'declined' | 'referred' | 'counter_offer'; amountFen?: bigint; grade?: string | null; termMonths?: number },
): Promise<{ applicationId: string; decisionId: string }> {
  const now = clock.now();
  const applicationId = newId('app', clock);
  const decisionId = newId('dec', clock);
  const approved = input.outcome === 'approved' || input.outcome === 'counter_offer';
  const amountFen = input.amountFen ?? 2_000_000n;
  await db.insert(loanApplications).values({
    id: applicationId,
    borrowerId: input.borrowerId,
    borrowerType: 'individual',
    amountFen,
    termMonths: input.termMonths ?? 12,
    purpose: 'home_improvement',
    repaymentMethod: 'equal_installment',
    input: { monthlyIncome: '30000.00', monthlyDebtPayments: '2000.00', declaredOtherPlatformOutstanding: '0.00', employment: { status: 'employed', occupationClass: 'skilled' } },
    status: input.outcome,
    offeredAmountFen: approved ? amountFen : 0n,
    currentDecisionId: decisionId,
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(decisions).values({
    id: decisionId,
    applicationId,
    borrowerId: input.borrowerId,
    kind: 'automated',
    decidedAt: now,
    inputHash: 'test',
    featureSetVersion: 'test',
    features: { bureau_overdue_records_6m: 0 },
    policyRuleSetId: 'test',
    fraudRuleSetId: 'test',
    creditModelVersion: 'test',
    fraudModelVersion: 'test',
    ruleResults: [],
    scores: {},
    outcome: input.outcome,
    grade: approved ? (input.grade === undefined ? 'B2' : input.grade) : null,
    pd: approved ? 0.03 : null,
    limitFen: amountFen,
    offeredAmountFen: approved ? amountFen : 0n,
    // Inside the 4 × LPR cap servicing checks at disbursement: 10% nominal + a 0.5% fee ≈ 10.9% IRR.
    aprBps: approved ? 1_100 : null,
    nominalRateBps: approved ? 1_000 : null,
    upfrontFeeFen: approved ? amountFen / 200n : null,
    reasons: [],
    prevHash: 'test',
    hash: `test-${decisionId}`,
  });
  return { applicationId, decisionId };
}
