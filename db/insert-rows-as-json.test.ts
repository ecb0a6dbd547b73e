import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loanApplications, manualReviews } from './schema';
import { insertRowsAsJson } from './insert-rows-as-json';
import { useTestDatabase } from './testing/fixture';

const database = useTestDatabase();

const application = (n: number) => ({
  id: `app_json_${n}`,
  borrowerId: 'usr_json',
  borrowerType: 'individual' as const,
  amountFen: 9_007_199_254_740_993n + BigInt(n), // beyond a double's exact range
  termMonths: 12,
  purpose: 'education',
  repaymentMethod: 'equal_installment' as const,
  input: { nested: { text: 'a"b 中文', list: [1, null, 2.5] }, pd: 0.1 + 0.2 },
  status: 'approved' as const,
  offeredAmountFen: 100n,
  currentDecisionId: `dec_${n}`,
  createdAt: new Date('2026-03-02T02:00:00.123Z'),
  updatedAt: new Date('2026-03-02T02:00:00.124Z'),
});

describe('insertRowsAsJson', () => {
  it('writes every value as drizzle would read it back: bigints exact, dates to the ms, JSON nested, in order', async () => {
    const { db } = database.current;
    const rows = [application(1), application(2), application(3)];
    await db.execute(insertRowsAsJson(loanApplications, rows));
    const back = await db.select().from(loanApplications).where(eq(loanApplications.borrowerId, 'usr_json')).orderBy(asc(loanApplications.id));
    expect(back).toEqual(rows);
  });

  it('writes NULL for a field the row leaves out, and refuses an empty batch', async () => {
    const { db } = database.current;
    await db.execute(insertRowsAsJson(manualReviews, [{ id: 'rev_json_1', applicationId: 'app_json_1', kind: 'referral', status: 'open', triggerDecisionId: 'dec_1', createdAt: new Date(0) }]));
    const [review] = await db.select().from(manualReviews).where(eq(manualReviews.id, 'rev_json_1'));
    expect(review).toMatchObject({ kind: 'referral', reviewerId: null, decidedAt: null, createdAt: new Date(0) });
    expect(() => insertRowsAsJson(manualReviews, [])).toThrow(/no rows/);
  });

  it('writes a bigint nested in a JSON column as a string, as the API and jsonb read it', async () => {
    const { db } = database.current;
    const row = { ...application(9), input: { limits: { capFen: 20_000_000n }, at: new Date('2026-03-02T02:00:00.000Z'), note: 'x' } };
    await db.execute(insertRowsAsJson(loanApplications, [row]));
    const [back] = await db.select().from(loanApplications).where(eq(loanApplications.id, 'app_json_9'));
    expect(back!.input).toEqual({ limits: { capFen: '20000000' }, at: '2026-03-02T02:00:00.000Z', note: 'x' });
  });
});
