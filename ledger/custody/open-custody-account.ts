import type { DbOrTx } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { findAccounts, guarantorAvailable, listingEscrow, openAccounts, openUserAccounts, PLATFORM_FEE, PLATFORM_MARKETING, EXTERNAL_WORLD, userAvailable } from '../accounts';
import type { CustodianBank } from './custodian-bank';

export type CustodyOwner = { ownerKind: 'user' | 'listing' | 'guarantor'; ownerId: string };

/**
 * Opens the owner's sub-account at the custodian and the ledger accounts that mirror it
 * (idempotent on both sides). `db` may be the caller's transaction: the bank call is
 * idempotent per holder, so a rolled-back caller simply reopens the same sub-account later.
 */
export async function openCustodyAccount(deps: { db: DbOrTx; clock: Clock; bank: CustodianBank }, owner: CustodyOwner): Promise<{ accountNo: string }> {
  if (!owner.ownerId) throw new AppError('VALIDATION', 'ownerId is required', { field: 'ownerId' });
  const kind = owner.ownerKind === 'listing' ? 'project' : owner.ownerKind;
  const { accountNo } = await deps.bank.openSubAccount({ kind, holderId: owner.ownerId });
  if (owner.ownerKind === 'user') await openUserAccounts(deps.db, deps.clock, owner.ownerId, accountNo);
  else if (owner.ownerKind === 'listing') await openAccounts(deps.db, deps.clock, [{ ...listingEscrow(owner.ownerId), bankAccountNo: accountNo }]);
  else await openAccounts(deps.db, deps.clock, [{ ...guarantorAvailable(owner.ownerId), bankAccountNo: accountNo }]);
  return { accountNo };
}

/** The platform's own fee and marketing sub-accounts, and the outside world (idempotent; run at start-up). */
export async function openPlatformCustody(deps: { db: DbOrTx; clock: Clock; bank: CustodianBank }): Promise<void> {
  const fee = await deps.bank.openSubAccount({ kind: 'platform_fee', holderId: PLATFORM_FEE.ownerId });
  const marketing = await deps.bank.openSubAccount({ kind: 'platform_marketing', holderId: PLATFORM_MARKETING.ownerId });
  await openAccounts(deps.db, deps.clock, [
    { ...PLATFORM_FEE, bankAccountNo: fee.accountNo },
    { ...PLATFORM_MARKETING, bankAccountNo: marketing.accountNo },
    EXTERNAL_WORLD,
  ]);
}

/** The user's custody sub-account number, opening it on first use. */
export async function ensureUserCustody(deps: { db: DbOrTx; clock: Clock; bank: CustodianBank }, userId: string): Promise<string> {
  const [account] = await findAccounts(deps.db, [userAvailable(userId)]);
  if (account?.bankAccountNo) return account.bankAccountNo;
  await openAccounts(deps.db, deps.clock, [EXTERNAL_WORLD]);
  return (await openCustodyAccount(deps, { ownerKind: 'user', ownerId: userId })).accountNo;
}
