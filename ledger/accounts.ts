import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { ledgerAccounts } from '../db/schema';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/errors';

/**
 * The closed set of ledger account types, as `ownerKind:purpose`. There is deliberately no
 * platform account that could receive lender or borrower money (no pool): the platform owns
 * only its fee account (fees only) and its marketing account (its own money, paid out to
 * users). Which transfers may touch which account type is decided in ledger/policy.ts.
 */
export const ACCOUNT_TYPES = {
  /** A user's spendable money in their own custody sub-account. */
  'user:available': { normal: 'credit', bank: 'user' },
  /** A user's money frozen in their own sub-account (e.g. a compliance freeze). */
  'user:held': { normal: 'credit', bank: 'user' },
  /** Money raised for one listing, in the listing's project account at the custodian. */
  'listing:escrow': { normal: 'credit', bank: 'project' },
  /** The platform's own revenue: receives fee transfers only. */
  'platform:fee': { normal: 'credit', bank: 'platform_fee' },
  /** The platform's own marketing budget: pays only into users' available accounts. */
  'platform:marketing': { normal: 'credit', bank: 'platform_marketing' },
  /** A third-party guarantor's account, the only source of compensation (代偿). */
  'guarantor:available': { normal: 'credit', bank: 'guarantor' },
  /** Money outside custody (users' bank cards). Debit-normal; it has no sub-account. */
  'external:world': { normal: 'debit', bank: null },
} as const;

export type AccountType = keyof typeof ACCOUNT_TYPES;
export type OwnerKind = 'user' | 'listing' | 'platform' | 'guarantor' | 'external';
export type BankAccountType = NonNullable<(typeof ACCOUNT_TYPES)[AccountType]['bank']>;

export interface AccountKey {
  ownerKind: OwnerKind;
  ownerId: string;
  purpose: string;
}

export const PLATFORM_OWNER_ID = 'platform';
export const EXTERNAL_OWNER_ID = 'custodian';

export const userAvailable = (userId: string): AccountKey => ({ ownerKind: 'user', ownerId: userId, purpose: 'available' });
export const userHeld = (userId: string): AccountKey => ({ ownerKind: 'user', ownerId: userId, purpose: 'held' });
export const listingEscrow = (listingId: string): AccountKey => ({ ownerKind: 'listing', ownerId: listingId, purpose: 'escrow' });
export const guarantorAvailable = (guarantorId: string): AccountKey => ({ ownerKind: 'guarantor', ownerId: guarantorId, purpose: 'available' });
export const PLATFORM_FEE: AccountKey = { ownerKind: 'platform', ownerId: PLATFORM_OWNER_ID, purpose: 'fee' };
export const PLATFORM_MARKETING: AccountKey = { ownerKind: 'platform', ownerId: PLATFORM_OWNER_ID, purpose: 'marketing' };
export const EXTERNAL_WORLD: AccountKey = { ownerKind: 'external', ownerId: EXTERNAL_OWNER_ID, purpose: 'world' };

export function accountTypeOf(key: AccountKey): AccountType {
  const type = `${key.ownerKind}:${key.purpose}`;
  if (!Object.hasOwn(ACCOUNT_TYPES, type)) {
    throw new AppError('BUSINESS_RULE', `there is no ledger account type "${type}"; the platform may hold no other accounts`, { accountType: type });
  }
  if (key.ownerKind === 'platform' && key.ownerId !== PLATFORM_OWNER_ID) throw new AppError('BUSINESS_RULE', 'platform accounts have the owner id "platform"');
  if (key.ownerKind === 'external' && key.ownerId !== EXTERNAL_OWNER_ID) throw new AppError('BUSINESS_RULE', 'the outside world has the owner id "custodian"');
  return type as AccountType;
}

export function formatAccountKey(key: AccountKey): string {
  return `${key.ownerKind}:${key.ownerId}:${key.purpose}`;
}

/**
 * Opens accounts (idempotent: an existing account is left as it is, except that a missing
 * bank account number is filled in). Credit-normal accounts may never go negative; the
 * outside world may never be credited more than it was debited (no money from nowhere).
 */
export async function openAccounts(db: DbOrTx, clock: Clock, keys: Array<AccountKey & { bankAccountNo?: string | null }>): Promise<void> {
  if (keys.length === 0) return;
  const rows = keys.map((key) => {
    const type = ACCOUNT_TYPES[accountTypeOf(key)];
    if (!key.ownerId || key.ownerId.length > 100) throw new AppError('VALIDATION', 'ownerId must be 1–100 characters', { field: 'ownerId' });
    return {
      ownerKind: key.ownerKind,
      ownerId: key.ownerId,
      purpose: key.purpose,
      debitsMustNotExceedCredits: type.normal === 'credit',
      creditsMustNotExceedDebits: type.normal === 'debit',
      bankAccountNo: key.bankAccountNo ?? null,
      createdAt: clock.now(),
    };
  });
  await db
    .insert(ledgerAccounts)
    .values(rows)
    .onConflictDoUpdate({
      target: [ledgerAccounts.ownerKind, ledgerAccounts.ownerId, ledgerAccounts.purpose],
      set: { bankAccountNo: sql`coalesce(${ledgerAccounts.bankAccountNo}, excluded.bank_account_no)` },
    });
}

/** A user's two accounts (available and held), mirroring one custody sub-account. */
export async function openUserAccounts(db: DbOrTx, clock: Clock, userId: string, bankAccountNo: string | null = null): Promise<void> {
  await openAccounts(db, clock, [
    { ...userAvailable(userId), bankAccountNo },
    { ...userHeld(userId), bankAccountNo },
  ]);
}

/** The platform's fee and marketing accounts and the outside world (call once at start-up; idempotent). */
export async function openPlatformAccounts(db: DbOrTx, clock: Clock): Promise<void> {
  await openAccounts(db, clock, [PLATFORM_FEE, PLATFORM_MARKETING, EXTERNAL_WORLD]);
}

export async function findAccounts(db: DbOrTx, keys: AccountKey[]) {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(ledgerAccounts)
    .where(or(...keys.map((k) => and(eq(ledgerAccounts.ownerKind, k.ownerKind), eq(ledgerAccounts.ownerId, k.ownerId), eq(ledgerAccounts.purpose, k.purpose)))));
}

export async function findAccountsByIds(db: DbOrTx, ids: bigint[]) {
  if (ids.length === 0) return [];
  return db.select().from(ledgerAccounts).where(inArray(ledgerAccounts.id, ids));
}

export async function setBankAccountNo(db: DbOrTx, accountId: bigint, bankAccountNo: string): Promise<void> {
  await db.update(ledgerAccounts).set({ bankAccountNo }).where(eq(ledgerAccounts.id, accountId));
}
