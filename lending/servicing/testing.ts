import type { Tx } from '../../db/client';
import type { Payer, RepaymentSettlement, ServicingMoney } from './money-port';

/** A ServicingMoney for tests that do not exercise the ledger: fixed balances, recorded settlements. */
export function recordingMoney(balances: Record<string, bigint> = {}, fallbackFen = 10n ** 12n): ServicingMoney & { settlements: RepaymentSettlement[] } {
  const settlements: RepaymentSettlement[] = [];
  return {
    settlements,
    async availableFen(_tx: Tx, payer: Payer) {
      return balances[`${payer.kind}:${payer.id}`] ?? fallbackFen;
    },
    async settleRepayment(_tx: Tx, s: RepaymentSettlement) {
      settlements.push(s);
    },
  };
}
