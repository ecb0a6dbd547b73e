import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bids, contracts, disbursements, listings, loans } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { addDays } from '../../kernel/calendar';
import { SimulatedClock } from '../../kernel/clock';
import { parseConfig } from '../../kernel/config';
import { getUserBalances } from '../../ledger';
import { marketplaceConfig } from './config';
import { consentToContract } from './consent-contract';
import { disburseListing } from './disburse-listing';
import { expireListings } from './expire-listings';
import { generateContract } from './generate-contract';
import { openDisclosures } from './open-disclosures';
import { placeBid } from './place-bid';
import { verifyContract } from './verify-contract';
import { fundUsers, seedInvestorProfiles, seedListing, seedUsers } from './testing/seed';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
const seed = parseConfig({ NODE_ENV: 'test' }).CONTRACT_SIGNING_SEED;
const marketplace = marketplaceConfig();

async function setup(amountFen: bigint, closesOn?: string) {
  const db = database.current.db;
  const [borrower] = await seedUsers(db, clock, 1, { label: 'b' });
  const investors = await seedUsers(db, clock, 2, { label: 'i' });
  await seedInvestorProfiles(db, investors);
  await fundUsers(db, clock, [...investors, borrower!], [1_000_000n, 1_000_000n, 0n]);
  const listingId = await seedListing(db, clock, { borrowerId: borrower!, amountFen, aprBps: 800, upfrontFeeFen: 300n, ...(closesOn ? { closesOn } : {}) });
  for (const inv of investors) await openDisclosures({ db, clock }, inv, listingId);
  return { db, borrower: borrower!, investors, listingId };
}

describe('bid onboarding gates', () => {
  it('refuses in order: KYC, risk assessment, acknowledgment, tier grade, disclosures; then accepts', async () => {
    const db = database.current.db;
    const deps = { db, clock, marketplace };
    const [borrower] = await seedUsers(db, clock, 1);
    const [unverified] = await seedUsers(db, clock, 1, { verified: false });
    const [inv] = await seedUsers(db, clock, 1);
    await fundUsers(db, clock, [inv!], [1_000_000n]);
    const listingId = await seedListing(db, clock, { borrowerId: borrower!, amountFen: 100_000n, grade: 'E1' });
    const bid = (investorId: string, amount = '100.00', key = `k-${Math.random()}`) => placeBid(deps, { investorId, listingId, amount, idempotencyKey: key.padEnd(8, '0') });
    await expect(bid(unverified!)).rejects.toMatchObject({ code: 'KYC_REQUIRED' });
    await expect(bid(inv!)).rejects.toMatchObject({ code: 'ONBOARDING_REQUIRED', details: { gate: 'risk_assessment' } });
    await seedInvestorProfiles(db, [inv!], 'conservative', { acknowledged: false });
    await expect(bid(inv!)).rejects.toMatchObject({ code: 'ONBOARDING_REQUIRED', details: { gate: 'risk_acknowledgment' } });
    await db.execute(sql`UPDATE investor_profiles SET acknowledgment_version = ${marketplace.riskAcknowledgmentVersion} WHERE user_id = ${inv!}`);
    await expect(bid(inv!)).rejects.toMatchObject({ code: 'BUSINESS_RULE', details: { reason: 'TIER_GRADE' } });
    await db.execute(sql`UPDATE investor_profiles SET tier = 'aggressive' WHERE user_id = ${inv!}`);
    await expect(bid(inv!)).rejects.toMatchObject({ code: 'ONBOARDING_REQUIRED', details: { gate: 'disclosures' } });
    await openDisclosures({ db, clock }, inv!, listingId);
    await expect(bid(inv!, '49.99')).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'amount' } });
    expect((await db.select().from(bids).where(eq(bids.listingId, listingId))).length).toBe(0);
    const ok = await bid(inv!, '100.00', 'first-key');
    expect(ok.bid.amountFen).toBe('10000');
    const replay = await bid(inv!, '100.00', 'first-key');
    expect(replay).toMatchObject({ replayed: true, bid: { bidId: ok.bid.bidId } });
    await expect(bid(inv!, '200.00', 'first-key')).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    // Optional guard: at most 10% of declared net investable assets (here 1,000 CNY → 100 CNY, already used).
    await db.execute(sql`UPDATE investor_profiles SET asset_guard_enabled = true, net_investable_assets_fen = 100000 WHERE user_id = ${inv!}`);
    await expect(bid(inv!, '50.00')).rejects.toMatchObject({ code: 'BUSINESS_RULE', details: { reason: 'ASSET_GUARD' } });
  });
});

describe('listing lifecycle', () => {
  it('funds, signs a contract that detects tampering, and disburses exactly once under retries', async () => {
    const { db, borrower, investors, listingId } = await setup(30_000n);
    const deps = { db, clock, marketplace };
    await placeBid(deps, { investorId: investors[0]!, listingId, amount: '200.00', idempotencyKey: 'life-bid-1' });
    const last = await placeBid(deps, { investorId: investors[1]!, listingId, amount: '200.00', idempotencyKey: 'life-bid-2' });
    expect(last.bid).toMatchObject({ amountFen: '10000', listingFunded: true });
    const { contractId } = await generateContract({ db, clock, signingSeed: seed }, { listingId });
    expect((await generateContract({ db, clock, signingSeed: seed }, { listingId })).created).toBe(false);
    expect(await verifyContract(db, seed, contractId)).toMatchObject({ ok: true });

    await expect(disburseListing({ db, clock }, { listingId })).rejects.toMatchObject({ code: 'CONFLICT' });
    await consentToContract({ db, clock }, borrower, contractId);
    const runs = await Promise.allSettled([disburseListing({ db, clock }, { listingId }), disburseListing({ db, clock }, { listingId })]);
    const again = await disburseListing({ db, clock }, { listingId });
    expect(again.replayed).toBe(true);
    expect(runs.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(disbursements).where(eq(disbursements.listingId, listingId))).toHaveLength(1);
    expect(await db.select().from(loans).where(eq(loans.listingId, listingId))).toHaveLength(1);
    // The borrower receives the full principal; the fee is a separate movement out of it.
    expect((await getUserBalances(db, borrower)).availableFen).toBe(30_000n - 300n);
    expect((await getUserBalances(db, investors[0]!)).availableFen).toBe(1_000_000n - 20_000n);
    expect((await db.select().from(listings).where(eq(listings.id, listingId)))[0]!.status).toBe('disbursed');

    // One changed byte in the stored PDF fails verification.
    const [row] = await db.select().from(contracts).where(eq(contracts.id, contractId));
    const bytes = Buffer.from(row!.pdfBase64, 'base64');
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    await db.update(contracts).set({ pdfBase64: bytes.toString('base64') }).where(eq(contracts.id, contractId));
    expect(await verifyContract(db, seed, contractId)).toMatchObject({ ok: false, hashMatches: false });
  });

  it('expiry voids every hold exactly once and the money is available again', async () => {
    const { db, investors, listingId } = await setup(1_000_000n, '2026-03-10');
    const deps = { db, clock, marketplace };
    await placeBid(deps, { investorId: investors[0]!, listingId, amount: '300.00', idempotencyKey: 'exp-bid-1' });
    await placeBid(deps, { investorId: investors[1]!, listingId, amount: '100.00', idempotencyKey: 'exp-bid-2' });
    expect((await getUserBalances(db, investors[0]!)).availableFen).toBe(970_000n);
    expect((await expireListings({ db, clock }, '2026-03-10')).expired).toEqual([]);
    const first = await expireListings({ db, clock }, addDays('2026-03-10', 1));
    expect(first).toEqual({ expired: [listingId], voidedBids: 2 });
    expect(await expireListings({ db, clock }, '2026-03-12')).toEqual({ expired: [], voidedBids: 0 });
    expect((await getUserBalances(db, investors[0]!)).availableFen).toBe(1_000_000n);
    expect((await getUserBalances(db, investors[1]!)).availableFen).toBe(1_000_000n);
    const voids = await db.execute(sql`SELECT count(*)::int AS n FROM ledger_transfers WHERE phase = 'void_pending'`);
    expect((voids.rows[0] as { n: number }).n).toBe(2);
    await expect(placeBid(deps, { investorId: investors[0]!, listingId, amount: '100.00', idempotencyKey: 'exp-bid-3' })).rejects.toMatchObject({ code: 'BUSINESS_RULE' });
  });
});
