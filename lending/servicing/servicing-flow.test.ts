import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { delinquencyTransitions, loanHoldings, outbox, outcomeLabels } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { createTransfer, EXTERNAL_WORLD, getUserBalances, getBalances, openPlatformAccounts, openUserAccounts, PLATFORM_FEE, simpleTransfer, userAvailable, verifyLedger } from '../../ledger';
import { createLoan, type CreateLoanInput } from './create-loan';
import { ledgerServicingMoney } from './ledger-money';
import { findLoan, listInstallments } from './loans-repo';
import { processDueRepayment } from './process-due-repayment';
import { repayLoan } from './repay-loan';
import { runDelinquency } from './run-delinquency';
import { DEFAULT_SERVICING_POLICY } from './servicing-policy';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-01-10T02:00:00Z');
const deps = () => ({ db: database.current.db, clock, money: ledgerServicingMoney(clock), policy: DEFAULT_SERVICING_POLICY });
let depositNo = 0;
const deposit = (userId: string, amountFen: bigint) =>
  createTransfer(database.current.db, clock, simpleTransfer({ idempotencyKey: `dep-${++depositNo}`, kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable(userId), amountFen, authorisation: { kind: 'one_time_code', reference: 'otp-test' }, custody: 'direct' }));

const terms: CreateLoanInput = {
  listingId: 'lst-flow',
  applicationId: 'app-flow',
  borrowerId: 'B',
  principalFen: 300_000n,
  termMonths: 3,
  annualRateBps: 900,
  platformFeeBps: 200,
  repaymentMethod: 'equal_installment',
  grade: 'B1',
  pd: 0.02,
  startDate: '2026-01-10',
  holdings: [{ investorId: 'I1', principalFen: 200_000n }, { investorId: 'I2', principalFen: 100_000n }],
};
let loanId = '';

beforeAll(async () => {
  const db = database.current.db;
  await openPlatformAccounts(db, clock);
  for (const u of ['B', 'I1', 'I2']) await openUserAccounts(db, clock, u);
  const r = await db.transaction((tx) => createLoan(tx, { clock }, terms));
  loanId = r.loanId;
});

describe('loan servicing against the real ledger', () => {
  it('books a loan once per listing, with an automatic debit queued for each installment', async () => {
    const db = database.current.db;
    const again = await db.transaction((tx) => createLoan(tx, { clock }, terms));
    expect(again).toMatchObject({ loanId, created: false });
    await expect(db.transaction((tx) => createLoan(tx, { clock }, { ...terms, principalFen: 1n, holdings: [{ investorId: 'I1', principalFen: 1n }] }))).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    await expect(db.transaction((tx) => createLoan(tx, { clock }, { ...terms, listingId: 'lst-bad', holdings: [{ investorId: 'I1', principalFen: 1n }] }))).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'holdings' } });
    await expect(db.transaction((tx) => createLoan(tx, { clock }, { ...terms, listingId: 'lst-cap', annualRateBps: 1200 }))).rejects.toMatchObject({ code: 'BUSINESS_RULE' });
    const jobs = await db.select().from(outbox).where(eq(outbox.queue, 'repayments'));
    expect(jobs.map((j) => j.dedupeKey).sort()).toEqual([1, 2, 3].map((n) => `auto:${loanId}:${n}`));
  });

  it('debits the installment on its due date, pays investors pro rata and the fee separately, once', async () => {
    const db = database.current.db;
    const [first] = await listInstallments(db, loanId);
    const due = first!.principalFen + first!.interestFen + first!.feeFen;
    await deposit('B', due + 5_000n);
    clock.set(`${first!.dueDate}T01:00:00Z`);
    const job = { loanId, installmentNo: 1, dueDate: first!.dueDate };
    expect(await processDueRepayment(deps(), job)).toEqual({ status: 'paid', paidFen: due });
    expect((await processDueRepayment(deps(), job)).paidFen).toBe(0n);
    const [i1, i2, fee] = await getBalances(db, [userAvailable('I1'), userAvailable('I2'), PLATFORM_FEE]);
    expect(i1!.postedFen + i2!.postedFen).toBe(first!.principalFen + first!.interestFen);
    expect(fee!.postedFen).toBe(first!.feeFen);
    expect(i1!.postedFen - 2n * i2!.postedFen).toBeLessThanOrEqual(2n); // 2:1 holding, exact to the fen
    expect((await getUserBalances(db, 'B')).availableFen).toBe(5_000n);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('takes what is available, counts the rest as arrears, accrues late charges under the cap and logs each transition', async () => {
    const db = database.current.db;
    const [, second] = await listInstallments(db, loanId);
    clock.set(`${second!.dueDate}T01:00:00Z`);
    expect(await processDueRepayment(deps(), { loanId, installmentNo: 2, dueDate: second!.dueDate })).toEqual({ status: 'partial', paidFen: 5_000n });
    const day = (n: number) => new Date(Date.parse(`${second!.dueDate}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const d1 = await runDelinquency(deps(), { businessDate: day(1) });
    expect(d1).toMatchObject({ transitions: 1, replayed: false });
    expect((await runDelinquency(deps(), { businessDate: day(1) })).replayed).toBe(true);
    await runDelinquency(deps(), { businessDate: day(16) });
    const loan = await findLoan(db, loanId);
    expect(loan).toMatchObject({ daysPastDue: 16, delinquencyStatus: 'late_16_30', penaltyRateBps: 1200 - 900 - 200 });
    const history = await db.select().from(delinquencyTransitions).where(eq(delinquencyTransitions.loanId, loanId));
    expect(history.map((h) => `${h.fromStatus}>${h.toStatus}`)).toEqual(['current>grace', 'grace>late_16_30']);
    const [, inst2] = await listInstallments(db, loanId);
    const unpaidPrincipal = inst2!.principalFen - inst2!.principalPaidFen;
    // 16 days at 1% a year on the unpaid principal (two accruals, each rounded half up).
    expect(Number(inst2!.penaltyAccruedFen)).toBeCloseTo((Number(unpaidPrincipal) * 0.01 * 16) / 365, -1);
  });

  it('a manual payment of what is due cures the loan; an early repayment closes it and every investor gets exactly their principal', async () => {
    const db = database.current.db;
    const [, second] = await listInstallments(db, loanId);
    const businessDate = new Date(Date.parse(`${second!.dueDate}T00:00:00Z`) + 17 * 86_400_000).toISOString().slice(0, 10);
    clock.set(`${businessDate}T03:00:00Z`);
    await deposit('B', 400_000n);
    const owed = second!.principalFen + second!.interestFen + second!.feeFen - second!.principalPaidFen - second!.interestPaidFen - second!.feePaidFen + second!.penaltyAccruedFen;
    await expect(db.transaction((tx) => repayLoan(tx, deps(), { loanId, borrowerId: 'B', mode: 'due', amountFen: owed + 1n, idempotencyKey: 'manual-too-much' }))).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'amountFen' } });
    await db.transaction((tx) => repayLoan(tx, deps(), { loanId, borrowerId: 'B', mode: 'due', amountFen: owed, idempotencyKey: 'manual-due-1' }));
    await runDelinquency(deps(), { businessDate });
    expect(await findLoan(db, loanId)).toMatchObject({ daysPastDue: 0, delinquencyStatus: 'current' });

    const result = await db.transaction((tx) => repayLoan(tx, deps(), { loanId, borrowerId: 'B', mode: 'early', idempotencyKey: 'early-1' }));
    expect(result.loanStatus).toBe('repaid');
    const holdings = await db.select().from(loanHoldings).where(eq(loanHoldings.loanId, loanId));
    for (const h of holdings) expect(h).toMatchObject({ outstandingPrincipalFen: 0n, receivedPrincipalFen: h.principalFen });
    const [{ n }] = (await db.execute<{ n: bigint }>(sql`SELECT count(*) AS n FROM installment_shares WHERE loan_id = ${loanId} AND (principal_paid_fen <> principal_fen OR interest_paid_fen <> interest_fen)`)).rows as [{ n: bigint }];
    expect(n).toBe(0n);
    expect((await verifyLedger(db)).ok).toBe(true);

    const next = new Date(Date.parse(`${businessDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await runDelinquency(deps(), { businessDate: next });
    expect(await db.select().from(outcomeLabels).where(eq(outcomeLabels.applicationId, 'app-flow'))).toMatchObject([{ label: 'good' }]);
  });
});
