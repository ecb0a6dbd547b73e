import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitationRedemptions } from '../../../db/schema';
import { makeResidentId } from '../../../identity/resident-id';
import { createTransfers, EXTERNAL_WORLD, getUserBalances, openPlatformAccounts, PLATFORM_MARKETING, simpleTransfer } from '../../../ledger';
import { disburseListing } from '../../../lending/marketplace/disburse-listing';
import { generateContract } from '../../../lending/marketplace/generate-contract';
import { payInvitationRewards } from '../../../lending/marketplace/pay-invitation-rewards';
import { fundUsers, seedListing } from '../../../lending/marketplace/testing/seed';
import { seedDecision } from '../../../lending/marketplace/testing/seed-decision';
import { useTestApi } from '../testing';

const api = useTestApi('2026-03-02T02:00:00Z');
let seq = 300;
const key = () => `mkt-${++seq}-${Math.random().toString(36).slice(2, 10)}`;
const questionnaire = { age: 40, annualIncome: '300k_1m', netInvestableAssets: '500000.00', experience: 'over_5_years', riskPreference: 'growth', lossTolerance: 'up_to_30' };

async function verifiedUser(role: 'investor' | 'borrower') {
  const user = await api.current.userWithRoles([role], role);
  seq += 1;
  const res = await api.current.call('POST', '/api/v1/me/kyc', { token: user.token, headers: { 'idempotency-key': key() }, body: { name: '王小明', idNumber: makeResidentId('110105', '1990-05-17', seq), phone: `139${String(seq).padStart(8, '0')}`, livenessToken: 'ok' } });
  expect(res.status).toBe(201);
  return user;
}

/** A verified, onboarded investor with 10,000 CNY in custody. */
async function investor() {
  const { call, deps, clock } = api.current;
  const user = await verifiedUser('investor');
  expect((await call('POST', '/api/v1/me/investor/risk-assessment', { token: user.token, body: questionnaire })).status).toBe(200);
  expect((await call('POST', '/api/v1/me/investor/acknowledgment', { token: user.token, body: { version: '2026-01' } })).status).toBe(200);
  await fundUsers(deps.db, clock, [user.id], [1_000_000n]);
  return user;
}

function bid(token: string, listingId: string, amount: string, idempotencyKey = key()) {
  return api.current.call('POST', `/api/v1/listings/${listingId}/bids`, { token, body: { amount }, headers: { 'idempotency-key': idempotencyKey } });
}

describe('marketplace API', () => {
  it('lists, opens disclosures, onboards, bids and keeps other investors out', async () => {
    const { call, deps, clock } = api.current;
    const borrower = await verifiedUser('borrower');
    const { applicationId } = await seedDecision(deps.db, clock, { borrowerId: borrower.id, outcome: 'approved', amountFen: 30_000n, grade: 'C2' });
    const created = await call('POST', '/api/v1/listings', { token: borrower.token, body: { applicationId, title: '装修借款', description: '借款用于房屋装修，还款来源为工资收入。', repaymentSource: '工资收入' } });
    expect(created.status).toBe(201);
    const listingId = created.body.listingId as string;
    expect(created.body.listing.disclosures.borrower.maskedName).toBe('王**');
    expect((await call('POST', '/api/v1/listings', { token: borrower.token, body: { applicationId, title: '装修借款', description: '借款用于房屋装修，还款来源为工资收入。', repaymentSource: '工资收入' } })).status).toBe(200);

    const list = await call('GET', '/api/v1/listings?grade=C2,C3&term=12&minAprBps=1000&minAmountLeft=100.00');
    expect(list.status).toBe(200);
    expect(list.body.items.map((l: { id: string }) => l.id)).toContain(listingId);
    expect((await call('GET', '/api/v1/listings?grade=A1')).body.items.map((l: { id: string }) => l.id)).not.toContain(listingId);
    const badFilter = await call('GET', '/api/v1/listings?grade=Z9');
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.details.field).toMatch(/^grade/);
    const detail = await call('GET', `/api/v1/listings/${listingId}`);
    expect(detail.body).toMatchObject({ grade: 'C2', apr: '11.00%', termMonths: 12, amount: '300.00', fundedShareBps: 0, probabilityOfDefault: '3.00%' });
    expect(detail.body.borrowerId).toBeUndefined();
    expect(JSON.stringify(detail.body)).not.toContain('王小明');

    const alice = await investor();
    const bob = await investor();
    // Item 16: no bid before the disclosures were opened; nothing written.
    const early = await bid(alice.token, listingId, '100.00');
    expect(early.status).toBe(403);
    expect(early.body.error.details.gate).toBe('disclosures');
    expect((await call('GET', `/api/v1/listings/${listingId}/disclosures`, { token: alice.token })).status).toBe(200);
    const badAmount = await bid(alice.token, listingId, '12.345');
    expect(badAmount.status).toBe(400);
    expect(badAmount.body.error.details.field).toBe('amount');
    const k = key();
    const placed = await bid(alice.token, listingId, '100.00', k);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ filled: '100.00', filledFen: '10000', partiallyFilled: false, listingFunded: false, warnings: [] });
    expect((await bid(alice.token, listingId, '100.00', k)).body.bid.id).toBe(placed.body.bid.id);
    await call('GET', `/api/v1/listings/${listingId}/disclosures`, { token: bob.token });
    const last = await bid(bob.token, listingId, '500.00');
    expect(last.body).toMatchObject({ filled: '200.00', partiallyFilled: true, listingFunded: true });

    const mine = await call('GET', '/api/v1/me/bids', { token: alice.token });
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ id: placed.body.bid.id, amount: '100.00', status: 'held', listing: { grade: 'C2' } });
    expect((await call('GET', `/api/v1/bids/${placed.body.bid.id}`, { token: alice.token })).status).toBe(200);
    expect((await call('GET', `/api/v1/bids/${placed.body.bid.id}`, { token: bob.token })).status).toBe(404);
    expect((await call('POST', `/api/v1/listings/${listingId}/cancel`, { token: alice.token, body: { reason: 'not mine' } })).status).toBe(404);
    const me = await call('GET', '/api/v1/me/investor', { token: alice.token });
    expect(me.body).toMatchObject({ assessed: true, tier: 'growth', readyToBid: true });

    // Contract: parties only; the borrower consents; disbursement; strangers get 404.
    const { contractId } = await generateContract({ db: deps.db, clock, signingSeed: deps.config.CONTRACT_SIGNING_SEED }, { listingId });
    const stranger = await investor();
    const pdf = await call('GET', `/api/v1/contracts/${contractId}`, { token: alice.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(String(pdf.body).startsWith('%PDF')).toBe(true);
    expect((await call('GET', `/api/v1/contracts/${contractId}`, { token: stranger.token })).status).toBe(404);
    expect((await call('GET', `/api/v1/contracts/${contractId}/verify`, { token: borrower.token })).body).toMatchObject({ ok: true });
    expect((await call('GET', '/api/v1/me/contracts', { token: bob.token })).body.items).toMatchObject([{ id: contractId, role: 'investor', consented: true }]);
    expect((await call('GET', '/api/v1/me/contracts', { token: stranger.token })).body.items).toEqual([]);
    const otherBorrower = await verifiedUser('borrower');
    expect((await call('POST', `/api/v1/contracts/${contractId}/consent`, { token: otherBorrower.token })).status).toBe(404);
    expect((await call('POST', `/api/v1/contracts/${contractId}/consent`, { token: borrower.token })).status).toBe(200);
    expect((await disburseListing({ db: deps.db, clock }, { listingId })).principalFen).toBe(30_000n);
  });

  it('manages auto-invest mandates: explicit parameters, tier-checked, revocable, own only', async () => {
    const { call } = api.current;
    const alice = await investor();
    const bob = await investor();
    const body = { grades: ['B', 'C1'], termsMonths: [12], minAprBps: 900, amountPerLoan: '100.00', totalBudget: '2000.00', maxBorrowerShareBps: 1_000 };
    const k = key();
    const created = await call('POST', '/api/v1/me/auto-invest', { token: alice.token, body, headers: { 'idempotency-key': k } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'active', amountPerLoan: '100.00', totalBudgetFen: '200000', grades: ['B', 'C1'] });
    expect((await call('POST', '/api/v1/me/auto-invest', { token: alice.token, body, headers: { 'idempotency-key': k } })).body.id).toBe(created.body.id);
    // Growth tier may not buy G; a missing parameter is named.
    const g = await call('POST', '/api/v1/me/auto-invest', { token: alice.token, body: { ...body, grades: ['G'] }, headers: { 'idempotency-key': key() } });
    expect(g.status).toBe(400);
    expect(g.body.error.details.field).toBe('grades');
    const missing = await call('POST', '/api/v1/me/auto-invest', { token: alice.token, body: { ...body, totalBudget: undefined }, headers: { 'idempotency-key': key() } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.field).toBe('totalBudget');
    const patched = await call('PATCH', `/api/v1/me/auto-invest/${created.body.id}`, { token: alice.token, body: { minAprBps: 1_100 } });
    expect(patched.body).toMatchObject({ minAprBps: 1_100, grades: ['B', 'C1'] });
    expect((await call('PATCH', `/api/v1/me/auto-invest/${created.body.id}`, { token: bob.token, body: { minAprBps: 0 } })).status).toBe(404);
    expect((await call('DELETE', `/api/v1/me/auto-invest/${created.body.id}`, { token: bob.token })).status).toBe(404);
    const revoked = await call('DELETE', `/api/v1/me/auto-invest/${created.body.id}`, { token: alice.token });
    expect(revoked.body.status).toBe('revoked');
    expect((await call('GET', '/api/v1/me/auto-invest', { token: alice.token })).body.items).toMatchObject([{ id: created.body.id, status: 'revoked' }]);
    expect((await call('GET', '/api/v1/me/auto-invest', { token: bob.token })).body.items).toEqual([]);
  });

  it('pays an invitation reward from the marketing account once, at the invitee\'s first disbursement', async () => {
    const { call, deps, clock } = api.current;
    const inviter = await investor();
    const invitee = await investor();
    const code = (await call('POST', '/api/v1/me/invitations', { token: inviter.token, headers: { 'idempotency-key': key() } })).body.code as string;
    expect((await call('POST', `/api/v1/invitations/${code}/redeem`, { token: inviter.token })).status).toBe(422);
    const redeemed = await call('POST', `/api/v1/invitations/${code}/redeem`, { token: invitee.token });
    expect(redeemed.body).toMatchObject({ code, reward: '20.00', rewardStatus: 'pending_first_disbursement' });
    await openPlatformAccounts(deps.db, clock);
    await createTransfers(deps.db, clock, [simpleTransfer({ idempotencyKey: 'marketing-budget-1', kind: 'marketing_funding', debit: EXTERNAL_WORLD, credit: PLATFORM_MARKETING, amountFen: 100_000n, custody: 'direct' })]);
    const borrower = await verifiedUser('borrower');
    const listingId = await seedListing(deps.db, clock, { borrowerId: borrower.id, amountFen: 10_000n, aprBps: 1_000 });
    await call('GET', `/api/v1/listings/${listingId}/disclosures`, { token: invitee.token });
    expect((await bid(invitee.token, listingId, '100.00')).status).toBe(201);
    const { contractId } = await generateContract({ db: deps.db, clock, signingSeed: deps.config.CONTRACT_SIGNING_SEED }, { listingId });
    await call('POST', `/api/v1/contracts/${contractId}/consent`, { token: borrower.token });
    await disburseListing({ db: deps.db, clock }, { listingId });
    const before = (await getUserBalances(deps.db, inviter.id)).availableFen;
    expect((await payInvitationRewards({ db: deps.db, clock }, { listingId })).paid).toHaveLength(1);
    expect((await payInvitationRewards({ db: deps.db, clock }, { listingId })).paid).toHaveLength(0);
    expect((await getUserBalances(deps.db, inviter.id)).availableFen - before).toBe(2_000n);
    const [row] = await deps.db.select().from(invitationRedemptions).where(eq(invitationRedemptions.inviteeId, invitee.id));
    expect(row!.rewardListingId).toBe(listingId);
    expect((await call('GET', '/api/v1/me/invitations', { token: inviter.token })).body.redemptions[0].rewardStatus).toBe('paid');
  });

  it('records related parties (admins only), refuses their bids and reports them separately', async () => {
    const { call, userWithRoles, deps, clock } = api.current;
    const admin = await userWithRoles(['admin'], 'admin');
    const insider = await investor();
    const borrower = await verifiedUser('borrower');
    const listingId = await seedListing(deps.db, clock, { borrowerId: borrower.id, amountFen: 100_000n });
    expect((await call('POST', '/api/v1/admin/related-parties', { token: insider.token, body: { userId: insider.id, relation: 'director' } })).status).toBe(403);
    const bad = await call('POST', '/api/v1/admin/related-parties', { token: admin.token, body: { userId: insider.id } });
    expect(bad.body.error.details.field).toBe('relation');
    expect((await call('POST', '/api/v1/admin/related-parties', { token: admin.token, body: { userId: insider.id, relation: 'director' } })).status).toBe(201);
    expect((await call('POST', '/api/v1/admin/related-parties', { token: admin.token, body: { userId: borrower.id, relation: 'shareholder' } })).body.flaggedListings).toEqual([listingId]);
    await call('GET', `/api/v1/listings/${listingId}/disclosures`, { token: insider.token });
    const refused = await bid(insider.token, listingId, '100.00');
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.gate).toBe('related_party');
    const report = await call('GET', '/api/v1/admin/reports/related-parties', { token: admin.token });
    expect(report.body.relatedParties.map((p: { userId: string }) => p.userId).sort()).toEqual([insider.id, borrower.id].sort());
    expect(report.body.listings).toMatchObject([{ id: listingId }]);
    expect(report.body.bids).toEqual([]);
    expect((await call('GET', `/api/v1/listings/${listingId}`)).body.relatedParty).toBe(true);
  });
});
