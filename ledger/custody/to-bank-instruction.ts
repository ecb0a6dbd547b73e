import { AppError } from '../../kernel/errors';
import type { BankAuthorisation, BankInstruction, BankOperation } from './custodian-bank';

/** A ledger transfer as the dispatcher reads it, with its entries' accounts. */
export interface TransferForCustody {
  id: string;
  kind: string;
  phase: 'posted' | 'pending' | 'post_pending' | 'void_pending';
  pendingId: string | null;
  amountFen: bigint;
  metadata: Record<string, unknown>;
  createdAt: Date;
  /** Posted (non-pending) entries, or for pending phases the pending ones of the original hold. */
  legs: Array<{ side: 'debit' | 'credit'; amountFen: bigint; purpose: string; ownerKind: string; bankAccountNo: string | null }>;
}

function bankNo(leg: TransferForCustody['legs'][number]): string {
  if (!leg.bankAccountNo) throw new AppError('BUSINESS_RULE', `ledger account ${leg.ownerKind}:${leg.purpose} has no custody sub-account`);
  return leg.bankAccountNo;
}

/** One debit leg paid to one credit leg, expressed as what the bank does. */
function pairOperation(transferId: string, debit: TransferForCustody['legs'][number], credit: TransferForCustody['legs'][number], amountFen: bigint): BankOperation {
  if (debit.ownerKind === 'external') return { op: 'deposit', accountNo: bankNo(credit), amountFen };
  if (credit.ownerKind === 'external') return { op: 'withdraw', accountNo: bankNo(debit), amountFen };
  if (bankNo(debit) === bankNo(credit)) {
    // Within one sub-account (user available ↔ held): a freeze or its release.
    if (debit.purpose === 'available' && credit.purpose === 'held') return { op: 'freeze', accountNo: bankNo(debit), amountFen, freezeId: transferId };
    return { op: 'unfreeze', accountNo: bankNo(debit), amountFen };
  }
  return { op: 'transfer', fromAccountNo: bankNo(debit), toAccountNo: bankNo(credit), amountFen, fromFrozen: debit.purpose === 'held' };
}

/**
 * The instruction that makes the bank do what a ledger transfer recorded: a hold is a freeze
 * (named by the pending transfer's id), posting it settles the freeze, voiding releases it.
 * The instruction id is the transfer id, which the bank deduplicates on.
 */
export function toBankInstruction(transfer: TransferForCustody): BankInstruction {
  const debits = transfer.legs.filter((l) => l.side === 'debit');
  const credits = transfer.legs.filter((l) => l.side === 'credit');
  let operations: BankOperation[];
  if (transfer.phase === 'pending') {
    operations = [{ op: 'freeze', accountNo: bankNo(debits[0]!), amountFen: transfer.amountFen, freezeId: transfer.id }];
  } else if (transfer.phase === 'post_pending') {
    operations = [{ op: 'settle', freezeId: transfer.pendingId!, toAccountNo: bankNo(credits[0]!), amountFen: transfer.amountFen }];
  } else if (transfer.phase === 'void_pending') {
    operations = [{ op: 'unfreeze', accountNo: bankNo(debits[0]!), amountFen: transfer.amountFen, freezeId: transfer.pendingId! }];
  } else if (debits.length === 1) {
    operations = credits.map((c) => pairOperation(transfer.id, debits[0]!, c, c.amountFen));
  } else if (credits.length === 1) {
    operations = debits.map((d) => pairOperation(transfer.id, d, credits[0]!, d.amountFen));
  } else {
    throw new AppError('BUSINESS_RULE', `transfer ${transfer.id} has several debits and several credits; the custodian needs one side single`);
  }
  const auth = transfer.metadata.authorisation as { kind?: string; reference?: string } | undefined;
  const authorisation: BankAuthorisation | undefined =
    auth && (auth.kind === 'bid_request' || auth.kind === 'repayment_mandate') && auth.reference ? { kind: auth.kind, reference: auth.reference } : undefined;
  return { instructionId: transfer.id, operations, authorisation, valueAt: transfer.createdAt };
}
