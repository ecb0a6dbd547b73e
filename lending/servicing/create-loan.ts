import { z } from 'zod';
import type { Tx } from '../../db/client';
import { enqueueInTransaction } from '../../db/outbox';
import type { Clock } from '../../kernel/clock';
import { chinaMidnight, parseIsoDate } from '../../kernel/calendar';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { REPAYMENT_METHODS } from '../schedules';
import { allocateInstallmentShares } from './investor-shares';
import { buildLoanSchedule, loanAprBps } from './loan-schedule';
import { findLoanByListing, insertHoldings, insertInstallments, insertLoanIfAbsent, insertShares } from './loans-repo';
import { rateCapBpsAt } from './rate-cap';

const isoDate = z.string().refine((s) => {
  try {
    parseIsoDate(s);
    return true;
  } catch {
    return false;
  }
}, 'must be a calendar date YYYY-MM-DD');
const id = z.string().min(1).max(100);
const positiveFen = z.bigint().refine((v) => v > 0n, 'must be a positive amount of fen');

export const createLoanInputSchema = z.object({
  listingId: id,
  borrowerId: id,
  principalFen: positiveFen,
  termMonths: z.number().int().min(1).max(360),
  annualRateBps: z.number().int().min(0).max(3600),
  repaymentMethod: z.enum(REPAYMENT_METHODS),
  grade: z.string().min(1).max(16),
  pd: z.number().min(0).max(1),
  startDate: isoDate,
  holdings: z.array(z.object({ investorId: id, principalFen: positiveFen })).min(1).max(10_000),
  /** The platform's monthly service fee (annual bps on the opening balance), paid by the borrower. */
  platformFeeBps: z.number().int().min(0).max(3600).optional(),
  /** A fee paid at t0 as a separate movement; counts in the APR only. */
  upfrontFeeFen: z.bigint().refine((v) => v >= 0n, 'must not be negative').optional(),
  applicationId: id.optional(),
  relatedParty: z.boolean().optional(),
  guarantorId: id.optional(),
  /** Override of the cap at the contract date (defaults to 4 × LPR, rate-cap.ts). */
  rateCapBps: z.number().int().min(1).max(3600).optional(),
});

const AUTO_DEBIT_HOUR_MS = 9 * 3_600_000;

export type CreateLoanInput = z.input<typeof createLoanInputSchema>;

export interface CreateLoanResult {
  loanId: string;
  /** false when the loan for this listing already existed (a replayed disbursement). */
  created: boolean;
  aprBps: number;
  installments: number;
}

/**
 * Books a loan at disbursement, inside the marketplace's disbursement transaction: the loan,
 * its schedule (with the platform fee), its holdings and each investor's exact share of every
 * installment. Idempotent per listing: a second call returns the first loan. Money does not
 * move here; the disbursement transfer is the marketplace's.
 */
export async function createLoan(tx: Tx, deps: { clock: Clock }, rawInput: CreateLoanInput): Promise<CreateLoanResult> {
  const parsed = createLoanInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'input';
    throw new AppError('VALIDATION', `createLoan: ${field}: ${issue.message}`, { field });
  }
  const input = parsed.data;
  const holdingSum = input.holdings.reduce((a, h) => a + h.principalFen, 0n);
  if (holdingSum !== input.principalFen) {
    throw new AppError('VALIDATION', `holdings sum to ${holdingSum} fen but the principal is ${input.principalFen} fen`, { field: 'holdings' });
  }
  if (new Set(input.holdings.map((h) => h.investorId)).size !== input.holdings.length) {
    throw new AppError('VALIDATION', 'each investor appears once in holdings', { field: 'holdings' });
  }
  if (input.holdings.some((h) => h.investorId === input.borrowerId)) {
    throw new AppError('BUSINESS_RULE', 'a borrower cannot fund their own loan', { field: 'holdings' });
  }

  const existing = await findLoanByListing(tx, input.listingId);
  if (existing) return replayed(existing, input);

  const schedule = buildLoanSchedule({ ...input, platformFeeBps: input.platformFeeBps ?? 0 });
  const aprBps = loanAprBps(input.principalFen, schedule, input.upfrontFeeFen ?? 0n);
  const rateCapBps = input.rateCapBps ?? rateCapBpsAt(input.startDate);
  if (aprBps > rateCapBps) {
    throw new AppError('BUSINESS_RULE', `the annualised rate of all charges ${aprBps} bps exceeds the cap of ${rateCapBps} bps`, { field: 'annualRateBps', aprBps, rateCapBps });
  }
  // Late charges: whatever room the cap leaves above the contract rate and fee, so overdue
  // principal never costs more than the cap a year (interest stops on it once it is overdue).
  const penaltyRateBps = Math.max(0, rateCapBps - input.annualRateBps - (input.platformFeeBps ?? 0));
  const loanId = newId('loan', deps.clock);
  const holdings = [...input.holdings].sort((a, b) => (a.investorId < b.investorId ? -1 : 1));

  const inserted = await insertLoanIfAbsent(tx, {
    id: loanId,
    listingId: input.listingId,
    applicationId: input.applicationId ?? null,
    borrowerId: input.borrowerId,
    principalFen: input.principalFen,
    termMonths: input.termMonths,
    annualRateBps: input.annualRateBps,
    platformFeeBps: input.platformFeeBps ?? 0,
    aprBps,
    rateCapBps,
    penaltyRateBps,
    repaymentMethod: input.repaymentMethod,
    grade: input.grade,
    pd: input.pd,
    startDate: input.startDate,
    maturityDate: schedule[schedule.length - 1]!.dueDate,
    principalOutstandingFen: input.principalFen,
    interestOutstandingFen: schedule.reduce((a, i) => a + i.interestFen, 0n),
    oldestUnpaidDueDate: schedule[0]!.dueDate,
    relatedParty: input.relatedParty ?? false,
    guarantorId: input.guarantorId ?? null,
    fundedAt: deps.clock.now(),
  });
  if (!inserted) {
    // A concurrent disbursement of the same listing won the unique index first.
    const winner = await findLoanByListing(tx, input.listingId);
    if (!winner) throw new AppError('CONFLICT', 'the loan for this listing is being created; retry');
    return replayed(winner, input);
  }
  await insertInstallments(
    tx,
    schedule.map((i) => ({ loanId, installmentNo: i.installmentNo, dueDate: i.dueDate, principalFen: i.principalFen, interestFen: i.interestFen, feeFen: i.feeFen })),
  );
  await insertHoldings(tx, holdings.map((h) => ({ loanId, investorId: h.investorId, principalFen: h.principalFen, outstandingPrincipalFen: h.principalFen })));
  await insertShares(tx, allocateInstallmentShares(schedule, holdings).map((s) => ({ loanId, ...s })));
  // The automatic debit of each installment, released on its due date (09:00 China time).
  for (const i of schedule) {
    await enqueueInTransaction(tx, deps.clock, {
      queue: 'repayments',
      jobName: 'collect-installment',
      payload: { loanId, installmentNo: i.installmentNo, dueDate: i.dueDate },
      dedupeKey: `auto:${loanId}:${i.installmentNo}`,
      availableAt: new Date(chinaMidnight(i.dueDate).getTime() + AUTO_DEBIT_HOUR_MS),
    });
  }
  return { loanId, created: true, aprBps, installments: schedule.length };
}

function replayed(existing: { id: string; principalFen: bigint; borrowerId: string; termMonths: number; aprBps: number }, input: { principalFen: bigint; borrowerId: string; termMonths: number }): CreateLoanResult {
  if (existing.principalFen !== input.principalFen || existing.borrowerId !== input.borrowerId || existing.termMonths !== input.termMonths) {
    throw new AppError('IDEMPOTENCY_MISMATCH', 'a loan with different terms already exists for this listing', { field: 'listingId' });
  }
  return { loanId: existing.id, created: false, aprBps: existing.aprBps, installments: existing.termMonths };
}
