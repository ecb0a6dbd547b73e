import { AppError } from '../kernel/errors';
import { accountTypeOf, formatAccountKey, type AccountKey, type AccountType } from './accounts';

/**
 * Who must authorise a movement at the custodian (REQUIREMENTS 20):
 * - one_time_code: the user confirms with a code the bank sends them (deposit, withdrawal, fee payment);
 * - bid_request: the user's own bid request authorises freezing the bid amount;
 * - repayment_mandate: the repayment authorisation the borrower signed with the loan contract;
 * - none: no user money leaves a user's sub-account (platform, guarantor, escrow or internal freezes).
 */
export type AuthorisationKind = 'one_time_code' | 'bid_request' | 'repayment_mandate' | 'none';

export interface Authorisation {
  kind: Exclude<AuthorisationKind, 'none'>;
  /** The one-time code's authorisation id, the bid id, or the contract id. Never a secret. */
  reference: string;
}

interface TransferRule {
  debit: readonly AccountType[];
  credit: readonly AccountType[];
  /** The authorisation kind(s) accepted; several when the user may authorise either way. */
  authorisation: AuthorisationKind | readonly AuthorisationKind[];
  /** Only as a pending transfer (a hold), or never pending. */
  pending?: 'only' | 'never';
  /** Debit and credit accounts must belong to the same owner. */
  sameOwner?: boolean;
}

/**
 * Every transfer kind and the account types it may debit and credit. This table is what
 * makes REQUIREMENTS 19 and 23 hold: nothing but `fee` can credit the platform's fee account,
 * the marketing account only pays users, and only a guarantor can compensate investors.
 */
export const TRANSFER_RULES = {
  deposit: { debit: ['external:world'], credit: ['user:available'], authorisation: 'one_time_code' },
  withdrawal: { debit: ['user:available'], credit: ['external:world'], authorisation: 'one_time_code' },
  bid_hold: { debit: ['user:available'], credit: ['listing:escrow'], authorisation: 'bid_request', pending: 'only' },
  disbursement: { debit: ['listing:escrow'], credit: ['user:available'], authorisation: 'none', pending: 'never' },
  escrow_refund: { debit: ['listing:escrow'], credit: ['user:available'], authorisation: 'none', pending: 'never' },
  repayment: { debit: ['user:available'], credit: ['user:available'], authorisation: 'repayment_mandate', pending: 'never' },
  // Pending allowed: a fee paid by the user (custody/pay-fee.ts) is reserved while the bank executes it, like a withdrawal.
  // A fee is paid with a one-time code, or under the debit mandate of the signed loan contract
  // that states it (the borrower's consent to that contract's hash is the authorisation).
  fee: { debit: ['user:available'], credit: ['platform:fee'], authorisation: ['one_time_code', 'repayment_mandate'] },
  freeze: { debit: ['user:available'], credit: ['user:held'], authorisation: 'none', pending: 'never', sameOwner: true },
  unfreeze: { debit: ['user:held'], credit: ['user:available'], authorisation: 'none', pending: 'never', sameOwner: true },
  fee_withdrawal: { debit: ['platform:fee'], credit: ['external:world'], authorisation: 'none', pending: 'never' },
  marketing_funding: { debit: ['external:world'], credit: ['platform:marketing'], authorisation: 'none', pending: 'never' },
  marketing_credit: { debit: ['platform:marketing'], credit: ['user:available'], authorisation: 'none', pending: 'never' },
  guarantor_funding: { debit: ['external:world'], credit: ['guarantor:available'], authorisation: 'none', pending: 'never' },
  compensation: { debit: ['guarantor:available'], credit: ['user:available'], authorisation: 'none', pending: 'never' },
  guarantor_withdrawal: { debit: ['guarantor:available'], credit: ['external:world'], authorisation: 'none', pending: 'never' },
} as const satisfies Record<string, TransferRule>;

export type TransferKind = keyof typeof TRANSFER_RULES;
export const TRANSFER_KINDS = Object.keys(TRANSFER_RULES) as TransferKind[];

export interface PolicyPosting {
  account: AccountKey;
  side: 'debit' | 'credit';
}

/** Throws BUSINESS_RULE when a transfer of this kind may not touch these accounts. */
export function checkTransferPolicy(kind: TransferKind, postings: PolicyPosting[], options: { pending: boolean; authorisation?: Authorisation }): void {
  const rule: TransferRule = TRANSFER_RULES[kind];
  if (!rule) throw new AppError('VALIDATION', `unknown transfer kind "${kind}"`, { field: 'kind' });
  if (rule.pending === 'only' && !options.pending) throw new AppError('BUSINESS_RULE', `a ${kind} is always a pending transfer (a hold)`, { kind });
  if (rule.pending === 'never' && options.pending) throw new AppError('BUSINESS_RULE', `a ${kind} cannot be a pending transfer`, { kind });
  for (const posting of postings) {
    const type = accountTypeOf(posting.account);
    const allowed = posting.side === 'debit' ? rule.debit : rule.credit;
    if (!allowed.includes(type)) {
      throw new AppError('BUSINESS_RULE', `a ${kind} transfer may not ${posting.side} ${formatAccountKey(posting.account)} (allowed: ${allowed.join(', ')})`, {
        kind,
        account: formatAccountKey(posting.account),
        side: posting.side,
      });
    }
  }
  if (rule.sameOwner) {
    const owners = new Set(postings.map((p) => `${p.account.ownerKind}:${p.account.ownerId}`));
    if (owners.size !== 1) throw new AppError('BUSINESS_RULE', `a ${kind} moves money within one owner's accounts only`, { kind });
  }
  const accepted: readonly AuthorisationKind[] = typeof rule.authorisation === 'string' ? [rule.authorisation] : rule.authorisation;
  if (!accepted.includes('none') && !accepted.includes(options.authorisation?.kind ?? 'none')) {
    throw new AppError('BUSINESS_RULE', `a ${kind} needs the user's authorisation (${accepted.join(' or ')})`, { kind, authorisation: accepted.join('|') });
  }
}
