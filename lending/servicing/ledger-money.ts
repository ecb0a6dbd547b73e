import type { Tx } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import { createTransfers, getBalances, guarantorAvailable, PLATFORM_FEE, userAvailable, type TransferInput } from '../../ledger';
import type { Payer, RepaymentSettlement, ServicingMoney } from './money-port';

// A ledger transfer carries at most 200 postings; one debit plus this many investor credits.
const CREDITS_PER_TRANSFER = 150;

/**
 * ServicingMoney over the ledger's public functions. One repayment is one linked batch (all or
 * nothing): the payer's sub-account → each investor's sub-account (kind `repayment`, or
 * `compensation` from a guarantor), and, separately, the borrower → the platform's fee account
 * (kind `fee`). Authorisation: the borrower's repayment mandate and the fee clause they
 * confirmed by one-time code when signing the contract, both referenced by the loan id.
 */
export function ledgerServicingMoney(clock: Clock): ServicingMoney {
  return {
    async availableFen(tx: Tx, payer: Payer): Promise<bigint> {
      const key = payer.kind === 'borrower' ? userAvailable(payer.id) : guarantorAvailable(payer.id);
      const [balance] = await getBalances(tx, [key]);
      return balance?.availableFen ?? 0n;
    },
    async settleRepayment(tx: Tx, s: RepaymentSettlement): Promise<void> {
      const transfers: TransferInput[] = [];
      const debit = s.payer.kind === 'borrower' ? userAvailable(s.payer.id) : guarantorAvailable(s.payer.id);
      const credits = s.toInvestors.filter((c) => c.amountFen > 0n);
      for (let k = 0; k < credits.length; k += CREDITS_PER_TRANSFER) {
        const chunk = credits.slice(k, k + CREDITS_PER_TRANSFER);
        const total = chunk.reduce((a, c) => a + c.amountFen, 0n);
        transfers.push({
          idempotencyKey: `${s.key}:investors:${k / CREDITS_PER_TRANSFER}`,
          kind: s.payer.kind === 'borrower' ? 'repayment' : 'compensation',
          postings: [
            { account: debit, side: 'debit', amountFen: total },
            ...chunk.map((c) => ({ account: userAvailable(c.investorId), side: 'credit' as const, amountFen: c.amountFen })),
          ],
          ...(s.payer.kind === 'borrower' ? { authorisation: { kind: 'repayment_mandate' as const, reference: `loan:${s.loanId}` } } : {}),
          metadata: { loanId: s.loanId, repaymentId: s.repaymentId },
        });
      }
      if (s.platformFeeFen > 0n) {
        transfers.push({
          idempotencyKey: `${s.key}:fee`,
          kind: 'fee',
          postings: [
            { account: debit, side: 'debit', amountFen: s.platformFeeFen },
            { account: PLATFORM_FEE, side: 'credit', amountFen: s.platformFeeFen },
          ],
          authorisation: { kind: 'repayment_mandate', reference: `loan:${s.loanId}` },
          metadata: { loanId: s.loanId, repaymentId: s.repaymentId },
        });
      }
      if (transfers.length > 0) await createTransfers(tx, clock, transfers, { linked: true });
    },
  };
}
