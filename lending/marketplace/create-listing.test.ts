import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { FieldEncryption } from '../../auth/field-encryption';
import { listings, outbox } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { chinaCalendar } from '../../kernel/calendar';
import { SimulatedClock } from '../../kernel/clock';
import { parseConfig } from '../../kernel/config';
import { findAccounts, listingEscrow } from '../../ledger';
import type { ListingDisclosures } from './build-disclosures';
import { marketplaceConfig } from './config';
import { createListing } from './create-listing';
import { seedDecision, seedVerifiedBorrower } from './testing/seed-decision';

const database = useTestDatabase();
const config = parseConfig({ NODE_ENV: 'test' });
const fieldEncryption = new FieldEncryption(config.FIELD_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY);
// Monday 2026-03-02, 10:00 China time.
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
const text = { title: '房屋装修借款', description: '借款用于房屋装修，还款来源为工资收入。', repaymentSource: '工资收入' };

function deps(fundraisingBusinessDays = 20) {
  return { db: database.current.db, clock, fieldEncryption, marketplace: marketplaceConfig({ fundraisingBusinessDays }) };
}

describe('createListing', () => {
  it('lists an approved decision with masked, complete disclosures, a 20-business-day window, escrow and an auto-invest job; once', async () => {
    const db = database.current.db;
    const borrower = await seedVerifiedBorrower(db, clock, fieldEncryption, { name: '王小明', idNumber: '11010519900517002X' });
    const { applicationId } = await seedDecision(db, clock, { borrowerId: borrower, outcome: 'approved', amountFen: 2_000_000n });
    const first = await createListing(deps(), borrower, { applicationId, ...text });
    expect(first.created).toBe(true);
    const [row] = await db.select().from(listings).where(eq(listings.id, first.listingId));
    expect(row).toMatchObject({ status: 'open', amountFen: 2_000_000n, grade: 'B2', aprBps: 1_100, borrowerId: borrower });
    // Item 12: the window closes on the 20th business day after today, on the holiday calendar.
    expect(row!.closesOn).toBe(chinaCalendar.addBusinessDays('2026-03-02', 20));
    expect(chinaCalendar.businessDaysBetween('2026-03-02', row!.closesOn)).toBe(20);
    // Item 13: every mandatory disclosure present; personal data only masked.
    const d = row!.disclosures as ListingDisclosures;
    expect(d.borrower).toMatchObject({ type: 'individual', maskedName: '王**', maskedIdNumber: '1101**********002X', monthlyIncome: '30000.00', overdueRecordsLast6Months: 0, otherPlatformBorrowings: '0.00' });
    expect(d.project).toMatchObject({ name: text.title, amount: '20000.00', termMonths: 12, repaymentSource: '工资收入', fundraisingCloses: row!.closesOn });
    expect(d.riskAssessment.grade).toBe('B2');
    const serialized = JSON.stringify(row!.disclosures);
    expect(serialized).not.toContain('王小明');
    expect(serialized).not.toContain('11010519900517002X');
    expect(await findAccounts(db, [listingEscrow(first.listingId)])).toHaveLength(1);
    expect(await db.select().from(outbox).where(eq(outbox.dedupeKey, `auto-invest:${first.listingId}`))).toHaveLength(1);
    // One listing per application.
    expect(await createListing(deps(), borrower, { applicationId, ...text })).toEqual({ listingId: first.listingId, created: false });
  });

  it('accepts a counter-offer and honours a shorter configured window', async () => {
    const db = database.current.db;
    const borrower = await seedVerifiedBorrower(db, clock, fieldEncryption, { name: '李华', idNumber: '110105199005170038' });
    const { applicationId } = await seedDecision(db, clock, { borrowerId: borrower, outcome: 'counter_offer', amountFen: 1_500_000n });
    const { listingId } = await createListing(deps(5), borrower, { applicationId, ...text });
    const [row] = await db.select().from(listings).where(eq(listings.id, listingId));
    expect(row!.closesOn).toBe(chinaCalendar.addBusinessDays('2026-03-02', 5));
    expect(row!.amountFen).toBe(1_500_000n);
  });

  it('refuses another borrower\'s decision, a declined or referred one, promising text; writes nothing', async () => {
    const db = database.current.db;
    const owner = await seedVerifiedBorrower(db, clock, fieldEncryption, { name: '张三', idNumber: '110105199005170054' });
    const stranger = await seedVerifiedBorrower(db, clock, fieldEncryption, { name: '赵四', idNumber: '110105199005170070' });
    const approved = await seedDecision(db, clock, { borrowerId: owner, outcome: 'approved' });
    const declined = await seedDecision(db, clock, { borrowerId: owner, outcome: 'declined' });
    const referred = await seedDecision(db, clock, { borrowerId: owner, outcome: 'referred' });
    const before = (await db.select().from(listings)).length;
    await expect(createListing(deps(), stranger, { applicationId: approved.applicationId, ...text })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createListing(deps(), owner, { applicationId: declined.applicationId, ...text })).rejects.toMatchObject({ code: 'BUSINESS_RULE', details: { field: 'applicationId' } });
    await expect(createListing(deps(), owner, { applicationId: referred.applicationId, ...text })).rejects.toMatchObject({ code: 'BUSINESS_RULE' });
    // Item 14: the linter refuses a promise of principal.
    await expect(createListing(deps(), owner, { applicationId: approved.applicationId, ...text, description: '本项目保本保息，零风险，放心出借。' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await db.select().from(listings)).length).toBe(before);
  });
});
