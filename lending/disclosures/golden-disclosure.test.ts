import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { createLoan, type CreateLoanInput } from '../servicing/create-loan';
import { processDueRepayment } from '../servicing/process-due-repayment';
import { recordCompensation } from '../servicing/record-compensation';
import { DEFAULT_SERVICING_POLICY } from '../servicing/servicing-policy';
import { recordingMoney } from '../servicing/testing';
import { publishMonthlyDisclosure } from './publish-monthly-disclosure';

/**
 * Golden scenario, T = 2026-03-31 (hand-computed in the comments):
 * L1 B1 12,000.00 equal principal 12%, 2026-01-01, I1/I2 half each; installments 1 and 2 paid on time.
 * L2 B2 6,000.00 interest first 12%, 2025-10-31, I1/I3; #1 paid; #2 due 2025-12-31 unpaid → 90 dpd (NOT over 90).
 * L3 B3 3,000.00 interest first 12%, 2025-11-30, I2, related party, guarantor G1 pays 10.00 on 03-15 → 91 dpd.
 * L4 B1 2,000.00 equal principal 12%, 2026-03-10, I4 (funded this month). L5 B4 funded 2026-04-02: after T.
 */
const database = useTestDatabase();
const clock = new SimulatedClock('2025-10-31T02:00:00Z');
const money = recordingMoney();
const deps = () => ({ db: database.current.db, clock, money, policy: DEFAULT_SERVICING_POLICY });
const ids: Record<string, string> = {};

async function loan(name: string, at: string, input: Omit<CreateLoanInput, 'listingId' | 'grade' | 'pd' | 'rateCapBps'>) {
  clock.set(at);
  const r = await database.current.db.transaction((tx) => createLoan(tx, { clock }, { listingId: `lst-${name}`, grade: 'B2', pd: 0.03, rateCapBps: 2400, ...input }));
  ids[name] = r.loanId;
}
async function autoDebit(name: string, no: number, dueDate: string) {
  clock.set(`${dueDate}T01:00:00Z`);
  return processDueRepayment(deps(), { loanId: ids[name]!, installmentNo: no, dueDate });
}

beforeAll(async () => {
  await loan('L2', '2025-10-31T02:00:00Z', { borrowerId: 'B2', principalFen: 600_000n, termMonths: 6, annualRateBps: 1200, repaymentMethod: 'interest_first', startDate: '2025-10-31', holdings: [{ investorId: 'I1', principalFen: 300_000n }, { investorId: 'I3', principalFen: 300_000n }] });
  await autoDebit('L2', 1, '2025-11-30');
  await loan('L3', '2025-11-30T02:00:00Z', { borrowerId: 'B3', principalFen: 300_000n, termMonths: 6, annualRateBps: 1200, repaymentMethod: 'interest_first', startDate: '2025-11-30', relatedParty: true, guarantorId: 'G1', holdings: [{ investorId: 'I2', principalFen: 300_000n }] });
  await loan('L1', '2026-01-01T02:00:00Z', { borrowerId: 'B1', principalFen: 1_200_000n, termMonths: 12, annualRateBps: 1200, repaymentMethod: 'equal_principal', startDate: '2026-01-01', holdings: [{ investorId: 'I1', principalFen: 600_000n }, { investorId: 'I2', principalFen: 600_000n }] });
  await autoDebit('L1', 1, '2026-02-01');
  await autoDebit('L1', 2, '2026-03-01');
  await loan('L4', '2026-03-10T02:00:00Z', { borrowerId: 'B1', principalFen: 200_000n, termMonths: 3, annualRateBps: 1200, repaymentMethod: 'equal_principal', startDate: '2026-03-10', holdings: [{ investorId: 'I4', principalFen: 200_000n }] });
  clock.set('2026-03-15T02:00:00Z');
  await database.current.db.transaction((tx) => recordCompensation(tx, deps(), { loanId: ids.L3!, guarantorId: 'G1', amountFen: 1_000n, idempotencyKey: 'comp-golden-1', actorId: null }));
  await loan('L5', '2026-04-02T02:00:00Z', { borrowerId: 'B4', principalFen: 100_000n, termMonths: 3, annualRateBps: 1200, repaymentMethod: 'equal_principal', startDate: '2026-04-02', holdings: [{ investorId: 'I5', principalFen: 100_000n }] });
  clock.set('2026-04-03T02:00:00Z');
}, 60_000);

const HAND_COMPUTED: Record<string, string> = {
  cumulativeLendingFen: '2300000', // 1,200,000 + 600,000 + 300,000 + 200,000 (L5 is after T)
  cumulativeLendingCount: '4',
  outstandingPrincipalFen: '2100000', // L1 1,000,000 after two principal parts of 100,000; others untouched
  outstandingLoanCount: '4',
  outstandingInterestFen: '106000', // L1 78,000 − 12,000 − 11,000; L2 30,000; L3 18,000 − 1,000; L4 2,000 + 1,333 + 667
  cumulativeLenders: '4', // I1..I4
  cumulativeBorrowers: '3', // B1..B3
  lendersThisPeriod: '1', // I4 (L4)
  borrowersThisPeriod: '1', // B1 (L4)
  currentLenders: '4',
  currentBorrowers: '3',
  top10BorrowersShare: '100.0000',
  largestBorrowerShare: '57.1429', // B1 1,200,000 / 2,100,000
  largestLenderShare: '38.0952', // I1 and I2 800,000 / 2,100,000
  top10LendersShare: '100.0000',
  relatedPartyOutstandingFen: '300000',
  relatedPartyLoanCount: '1',
  overdueAmountFen: '29000', // L2 #2–#4 18,000; L3 #1 2,000 + #2–#4 9,000
  overdueLoanCount: '2',
  over90OverdueAmountFen: '300000', // L3 (91 dpd) only; L2 is exactly 90
  over90OverdueLoanCount: '1',
  cumulativeCompensationFen: '1000',
  cumulativeCompensationCount: '1',
  projectOverdueRate: '50.0000',
  amountOverdueRate: '1.3146', // 29,000 / 2,206,000
  projectOverdueRateUpTo90: '25.0000',
  projectOverdueRate91To180: '25.0000',
  projectOverdueRateOver180: '0.0000',
  amountOverdueRateUpTo90: '0.8160', // 18,000 / 2,206,000
  amountOverdueRate91To180: '0.4986', // 11,000 / 2,206,000
  amountOverdueRateOver180: '0.0000',
  perCapitaBorrowingFen: '766667', // 2,300,000 / 3
  perCapitaLendingFen: '575000', // 2,300,000 / 4
};

describe('monthly disclosure, golden scenario', () => {
  it('publishes every figure as computed by hand, with its formula, once', async () => {
    const { snapshot, created } = await publishMonthlyDisclosure(deps(), { yearMonth: '2026-03' });
    expect(created).toBe(true);
    const figures = (snapshot.content as { figures: Record<string, { value: string; formula: string }> }).figures;
    expect(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.value]))).toEqual(HAND_COMPUTED);
    expect(Object.values(figures).every((f) => f.formula.length > 10)).toBe(true);
    expect(snapshot.dueBy).toBe('2026-04-08'); // 5th business day of April 2026 (Qingming 04-04..06)
    const again = await publishMonthlyDisclosure(deps(), { yearMonth: '2026-03' });
    expect(again).toMatchObject({ created: false, snapshot: { id: snapshot.id, contentHash: snapshot.contentHash } });
    await expect(database.current.pool.query(`UPDATE disclosure_snapshots SET content_hash = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('recomputes each amount and count with plain SQL over the books', async () => {
    const T = '2026-03-31';
    const q = async (text: string) => String(((await database.current.pool.query(text.replaceAll(':T', `'${T}'::date`))).rows[0] as { v: unknown }).v);
    const principalPaid = `(SELECT coalesce(sum(principal_fen),0) FROM repayment_parts p WHERE p.loan_id = l.id AND p.paid_on <= :T)`;
    const unpaidDue = (cond: string) => `(SELECT coalesce(sum(i.principal_fen + i.interest_fen),0) - coalesce((SELECT sum(p.principal_fen + p.interest_fen) FROM repayment_parts p JOIN loan_installments i2 ON i2.loan_id = p.loan_id AND i2.installment_no = p.installment_no WHERE p.loan_id = l.id AND p.paid_on <= :T AND ${cond.replaceAll('i.', 'i2.')}),0) FROM loan_installments i WHERE i.loan_id = l.id AND ${cond})`;
    const funded = `FROM loans l WHERE l.start_date <= :T`;
    expect(await q(`SELECT sum(principal_fen) v ${funded}`)).toBe(HAND_COMPUTED.cumulativeLendingFen);
    expect(await q(`SELECT sum(l.principal_fen - ${principalPaid}) v ${funded}`)).toBe(HAND_COMPUTED.outstandingPrincipalFen);
    expect(await q(`SELECT sum((SELECT sum(interest_fen) FROM loan_installments i WHERE i.loan_id = l.id) - (SELECT coalesce(sum(interest_fen),0) FROM repayment_parts p WHERE p.loan_id = l.id AND p.paid_on <= :T)) v ${funded}`)).toBe(HAND_COMPUTED.outstandingInterestFen);
    expect(await q(`SELECT count(DISTINCT investor_id) v FROM loan_holdings h JOIN loans l ON l.id = h.loan_id WHERE l.start_date <= :T`)).toBe(HAND_COMPUTED.cumulativeLenders);
    expect(await q(`SELECT count(DISTINCT borrower_id) v ${funded}`)).toBe(HAND_COMPUTED.cumulativeBorrowers);
    expect(await q(`SELECT count(DISTINCT investor_id) v FROM loan_holdings h JOIN loans l ON l.id = h.loan_id WHERE l.start_date BETWEEN '2026-03-01' AND :T`)).toBe(HAND_COMPUTED.lendersThisPeriod);
    expect(await q(`SELECT sum(principal_fen) v ${funded} AND related_party`)).toBe(HAND_COMPUTED.relatedPartyOutstandingFen);
    expect(await q(`SELECT sum(${unpaidDue('i.due_date < :T')}) v ${funded}`)).toBe(HAND_COMPUTED.overdueAmountFen);
    expect(await q(`SELECT count(*) v ${funded} AND ${unpaidDue('i.due_date < :T')} > 0`)).toBe(HAND_COMPUTED.overdueLoanCount);
    // More than 90 days: something due on or before T − 91 is still unpaid.
    expect(await q(`SELECT sum(l.principal_fen - ${principalPaid}) v ${funded} AND ${unpaidDue("i.due_date <= :T - 91")} > 0`)).toBe(HAND_COMPUTED.over90OverdueAmountFen);
    expect(await q(`SELECT count(*) v ${funded} AND ${unpaidDue("i.due_date <= :T - 90")} > 0`)).toBe('2'); // the 90-day loan is overdue, just not "over 90"
    expect(await q(`SELECT sum(amount_fen) v FROM loan_repayments WHERE kind = 'compensation' AND paid_on <= :T`)).toBe(HAND_COMPUTED.cumulativeCompensationFen);
    expect(await q(`SELECT max(s) v FROM (SELECT sum(h.principal_fen) - coalesce((SELECT sum(d.principal_fen) FROM repayment_distributions d WHERE d.investor_id = h.investor_id AND d.paid_on <= :T),0) s FROM loan_holdings h JOIN loans l ON l.id = h.loan_id WHERE l.start_date <= :T GROUP BY h.investor_id) x`)).toBe('800000');
  });

  it('sent every fen of each repayment to investors and the platform fee account', () => {
    for (const s of money.settlements) expect(s.toInvestors.every((c) => c.amountFen > 0n)).toBe(true);
    const comp = money.settlements.find((s) => s.payer.kind === 'guarantor')!;
    expect(comp).toMatchObject({ payer: { id: 'G1' }, platformFeeFen: 0n, toInvestors: [{ investorId: 'I2', amountFen: 1_000n }] });
  });
});
