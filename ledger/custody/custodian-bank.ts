/**
 * The custody port (REQUIREMENTS 19–21). Every yuan sits at the custodian bank in its owner's
 * own sub-account; the platform only sends instructions and mirrors the result in its ledger.
 * A real bank adapter and the simulated bank (simulated-bank.ts) both implement this.
 *
 * Authorisation (REQUIREMENTS 20), enforced by the bank, not by the platform:
 * - deposit, withdraw, and a transfer out of a user's *available* money: the user's one-time
 *   code (or, for loan repayments, the repayment mandate signed with the contract);
 * - freeze of a user's money: the user's own bid request (reference = the bid / hold) or a code;
 * - settle / unfreeze of an existing freeze: nothing more (authorised when it was frozen);
 * - platform, project (listing) and guarantor accounts: no user authorisation.
 */
export type BankAccountKind = 'user' | 'project' | 'platform_fee' | 'platform_marketing' | 'guarantor';
export type OneTimeCodeOperation = 'deposit' | 'withdraw' | 'transfer';

export type BankAuthorisation =
  | { kind: 'one_time_code'; challengeId: string; code: string }
  | { kind: 'bid_request' | 'repayment_mandate'; reference: string };

export type BankOperation =
  /** Freeze money in an account (a hold); `freezeId` names it for the later settle/unfreeze. */
  | { op: 'freeze'; accountNo: string; amountFen: bigint; freezeId: string }
  /** Release a freeze (fully), or release an amount frozen without an id (user:held). */
  | { op: 'unfreeze'; accountNo: string; amountFen: bigint; freezeId?: string }
  /** Pay `amountFen` out of a freeze to another account; the rest of the freeze is released. */
  | { op: 'settle'; freezeId: string; toAccountNo: string; amountFen: bigint }
  | { op: 'transfer'; fromAccountNo: string; toAccountNo: string; amountFen: bigint; fromFrozen?: boolean }
  /** Money in from / out to the outside world (the holder's own bank card, the platform's own bank). */
  | { op: 'deposit'; accountNo: string; amountFen: bigint }
  | { op: 'withdraw'; accountNo: string; amountFen: bigint };

export interface BankInstruction {
  /** The bank deduplicates on this: a second delivery returns the first receipt. */
  instructionId: string;
  operations: BankOperation[];
  authorisation?: BankAuthorisation;
  /** Value date/time the platform asks for (its ledger time); never later than the bank's now. */
  valueAt?: Date;
}

export interface BankReceipt {
  instructionId: string;
  bankReference: string;
  executedAt: string;
  /** True when this delivery was a duplicate of one already executed. */
  duplicate: boolean;
}

export interface StatementLine {
  accountNo: string;
  accountKind: BankAccountKind;
  holderId: string;
  openingBalanceFen: bigint;
  closingBalanceFen: bigint;
  closingFrozenFen: bigint;
  movements: number;
}

export interface BankStatement {
  businessDate: string;
  lines: StatementLine[];
}

export interface CustodianBank {
  /** Idempotent per (kind, holder): returns the existing account number when already open. */
  openSubAccount(input: { kind: BankAccountKind; holderId: string }): Promise<{ accountNo: string }>;
  /** The bank sends the holder a code (SMS) bound to this operation, account and amount. */
  requestOneTimeCode(input: { accountNo: string; operation: OneTimeCodeOperation; amountFen: bigint }): Promise<{ challengeId: string; expiresAt: string }>;
  /** Money in from the holder's own bank card; needs the holder's one-time code. */
  deposit(input: { instructionId: string; accountNo: string; amountFen: bigint; authorisation?: BankAuthorisation }): Promise<BankReceipt>;
  /** Money out to the holder's own bank card; needs the holder's one-time code. */
  withdraw(input: { instructionId: string; accountNo: string; amountFen: bigint; authorisation?: BankAuthorisation }): Promise<BankReceipt>;
  /** Executes all operations of an instruction atomically, or none (then it throws an AppError). */
  execute(instruction: BankInstruction): Promise<BankReceipt>;
  /** Closing balances of every sub-account at the end of a business day (China time). */
  dailyStatement(businessDate: string): Promise<BankStatement>;
}
