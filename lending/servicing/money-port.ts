import type { Tx } from '../../db/client';

/**
 * What servicing needs from the ledger and the custodian (REQUIREMENTS 19, 22, 23). The
 * adapter over ledger/ lives in ledger-money.ts; tests may pass a recording fake. Every call
 * is idempotent on its key, and one call is all or nothing.
 */
export interface Payer {
  /** borrower: the borrower's own custody sub-account; guarantor: a third party's (代偿). */
  kind: 'borrower' | 'guarantor';
  id: string;
}

export interface RepaymentSettlement {
  /** Idempotency key of the movement batch (one per repayment). */
  key: string;
  loanId: string;
  repaymentId: string;
  payer: Payer;
  /** What each investor receives (principal + interest + late charges), pro rata. */
  toInvestors: Array<{ investorId: string; amountFen: bigint }>;
  /** The platform's fee, to the platform's own fee account as a separate movement. */
  platformFeeFen: bigint;
}

export interface ServicingMoney {
  availableFen(tx: Tx, payer: Payer): Promise<bigint>;
  settleRepayment(tx: Tx, settlement: RepaymentSettlement): Promise<void>;
}
