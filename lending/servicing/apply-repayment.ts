import type { Tx } from '../../db/client';
import { appendAudit } from '../../db/audit/append-audit';
import { allocate } from '../../kernel/allocate';
import type { Clock } from '../../kernel/clock';
import { chinaDate } from '../../kernel/calendar';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { splitByOwed } from './investor-shares';
import { listHoldings, listInstallments, listShares, type InstallmentRow, type LoanRow } from './loans-repo';
import type { Payer, ServicingMoney } from './money-port';
import {
  addHoldingReceipts,
  addInstallmentPayments,
  addSharePayments,
  findRepaymentByKey,
  insertDistributions,
  insertNotifications,
  insertParts,
  insertRepayment,
  refreshLoanTotals,
  type RepaymentRow,
  type SharePayment,
} from './repayments-repo';
import type { ServicingPolicy } from './servicing-policy';
import { applyWaterfall, type Owed } from './waterfall';

export interface ServicingDeps {
  clock: Clock;
  money: ServicingMoney;
  policy: ServicingPolicy;
}

export type RepaymentKind = 'auto_debit' | 'manual' | 'early' | 'compensation';

export interface ApplyRepaymentInput {
  loan: LoanRow;
  kind: RepaymentKind;
  payer: Payer;
  businessKey: string;
  /** The most the payer pays; the waterfall may use less when less is owed. */
  amountFen: bigint;
  /** Only installments this filter accepts are paid (e.g. those due by today). */
  eligible: (installment: InstallmentRow) => boolean;
  actorId?: string | null;
  /** A guarantor pays investors only: the platform fee stays owed by the borrower. */
  skipFee?: boolean;
}

export function owedOf(i: InstallmentRow): Owed {
  return {
    installmentNo: i.installmentNo,
    penaltyFen: i.penaltyAccruedFen - i.penaltyPaidFen,
    feeFen: i.feeFen - i.feePaidFen,
    interestFen: i.interestFen - i.interestPaidFen,
    principalFen: i.principalFen - i.principalPaidFen,
  };
}

/**
 * Applies one payment to a locked loan: waterfall, exact pro-rata split to investors (each
 * investor's unpaid share of each installment is the weight, so nobody is ever paid more than
 * they are owed), the platform fee as its own movement, books and notifications. Idempotent on
 * `businessKey`: a replay returns the first repayment and moves nothing.
 */
export async function applyRepayment(tx: Tx, deps: ServicingDeps, input: ApplyRepaymentInput): Promise<{ repayment: RepaymentRow | null; replayed: boolean }> {
  const previous = await findRepaymentByKey(tx, input.businessKey);
  if (previous) return { repayment: previous, replayed: true };
  const { loan } = input;
  const now = deps.clock.now();
  const paidOn = chinaDate(now);

  const installments = (await listInstallments(tx, loan.id)).filter(input.eligible);
  const owed = installments.map(owedOf).map((o) => (input.skipFee ? { ...o, feeFen: 0n } : o));
  const result = applyWaterfall(input.amountFen, owed, deps.policy.waterfall);
  if (result.totalAppliedFen === 0n) return { repayment: null, replayed: false };

  const holdings = await listHoldings(tx, loan.id);
  const shares = await listShares(tx, loan.id);
  const perInvestor = new Map(holdings.map((h) => [h.investorId, { principalFen: 0n, interestFen: 0n, penaltyFen: 0n }]));
  const sharePayments: SharePayment[] = [];
  let feeFen = 0n;
  for (const part of result.applied) {
    const mine = shares.filter((s) => s.installmentNo === part.installmentNo);
    const principalParts = splitByOwed(part.principalFen, mine.map((s) => s.principalFen - s.principalPaidFen));
    const interestParts = splitByOwed(part.interestFen, mine.map((s) => s.interestFen - s.interestPaidFen));
    mine.forEach((s, k) => {
      sharePayments.push({ installmentNo: part.installmentNo, investorId: s.investorId, principalFen: principalParts[k]!, interestFen: interestParts[k]! });
      const acc = perInvestor.get(s.investorId)!;
      acc.principalFen += principalParts[k]!;
      acc.interestFen += interestParts[k]!;
    });
    // Late charges belong to the investors whose money is late, in proportion to their holding.
    const penaltyParts = part.penaltyFen > 0n ? allocate(part.penaltyFen, holdings.map((h) => h.principalFen)) : holdings.map(() => 0n);
    holdings.forEach((h, k) => (perInvestor.get(h.investorId)!.penaltyFen += penaltyParts[k]!));
    feeFen += part.feeFen;
  }

  const totals = result.applied.reduce(
    (a, p) => ({ principalFen: a.principalFen + p.principalFen, interestFen: a.interestFen + p.interestFen, feeFen: a.feeFen + p.feeFen, penaltyFen: a.penaltyFen + p.penaltyFen }),
    { principalFen: 0n, interestFen: 0n, feeFen: 0n, penaltyFen: 0n },
  );
  const repaymentId = newId('rpy', deps.clock);
  const toInvestors = [...perInvestor.entries()]
    .map(([investorId, v]) => ({ investorId, amountFen: v.principalFen + v.interestFen + v.penaltyFen, ...v }))
    .filter((v) => v.amountFen > 0n);
  if (toInvestors.reduce((a, v) => a + v.amountFen, 0n) + feeFen !== result.totalAppliedFen) {
    throw new AppError('INTERNAL', 'repayment split does not add up to the amount applied');
  }
  await deps.money.settleRepayment(tx, {
    key: input.businessKey,
    loanId: loan.id,
    repaymentId,
    payer: input.payer,
    toInvestors: toInvestors.map(({ investorId, amountFen }) => ({ investorId, amountFen })),
    platformFeeFen: feeFen,
  });

  const row = {
    id: repaymentId,
    businessKey: input.businessKey,
    loanId: loan.id,
    kind: input.kind,
    payerKind: input.payer.kind,
    payerId: input.payer.id,
    amountFen: result.totalAppliedFen,
    ...totals,
    paidOn,
    paidAt: now,
  };
  await insertRepayment(tx, row);
  await insertDistributions(tx, toInvestors.map((v) => ({ repaymentId, investorId: v.investorId, loanId: loan.id, principalFen: v.principalFen, interestFen: v.interestFen, penaltyFen: v.penaltyFen, paidOn })));
  await insertParts(tx, result.applied.map((a) => ({ repaymentId, loanId: loan.id, paidOn, ...a })));
  await addInstallmentPayments(tx, loan.id, paidOn, result.applied);
  await addSharePayments(tx, loan.id, sharePayments);
  await addHoldingReceipts(tx, loan.id, toInvestors);
  await refreshLoanTotals(tx, loan.id, paidOn);
  await insertNotifications(
    tx,
    toInvestors.map((v) => ({
      id: newId('ntf', deps.clock),
      userId: v.investorId,
      businessKey: `repayment:${repaymentId}:${v.investorId}`,
      kind: input.kind === 'compensation' ? 'compensation_received' : 'repayment_received',
      loanId: loan.id,
      title: input.kind === 'compensation' ? 'A guarantor paid on a loan you hold' : 'Repayment received on a loan you hold',
      data: { repaymentId, principalFen: v.principalFen.toString(), interestFen: v.interestFen.toString(), penaltyFen: v.penaltyFen.toString() },
      createdAt: now,
    })),
  );
  await appendAudit(tx, deps.clock, {
    actorId: input.actorId ?? null,
    action: `loan.repayment.${input.kind}`,
    subjectType: 'loan',
    subjectId: loan.id,
    data: { repaymentId, amountFen: result.totalAppliedFen, payer: input.payer, feeFen },
  });
  return { repayment: row, replayed: false };
}
