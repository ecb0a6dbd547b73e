import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { ledgerTransfers } from '../db/schema';
import { ACCOUNT_TYPES, accountTypeOf, findAccounts, formatAccountKey, userAvailable, userHeld, type AccountKey } from './accounts';

export interface AccountBalance {
  account: AccountKey;
  debitsPendingFen: bigint;
  debitsPostedFen: bigint;
  creditsPendingFen: bigint;
  creditsPostedFen: bigint;
  /** Posted balance on the account's normal side (credits − debits for credit-normal accounts). */
  postedFen: bigint;
  /** What may still be spent: posted balance minus outgoing holds. */
  availableFen: bigint;
}

/** Balances of the given accounts, in the order asked; unknown accounts are left out. */
export async function getBalances(db: DbOrTx, keys: AccountKey[]): Promise<AccountBalance[]> {
  const rows = await findAccounts(db, keys);
  const byKey = new Map(rows.map((r) => [`${r.ownerKind}:${r.ownerId}:${r.purpose}`, r]));
  const out: AccountBalance[] = [];
  for (const key of keys) {
    const row = byKey.get(formatAccountKey(key));
    if (!row) continue;
    const creditNormal = ACCOUNT_TYPES[accountTypeOf(key)].normal === 'credit';
    const postedFen = creditNormal ? row.creditsPostedFen - row.debitsPostedFen : row.debitsPostedFen - row.creditsPostedFen;
    const outgoingPending = creditNormal ? row.debitsPendingFen : row.creditsPendingFen;
    out.push({
      account: key,
      debitsPendingFen: row.debitsPendingFen,
      debitsPostedFen: row.debitsPostedFen,
      creditsPendingFen: row.creditsPendingFen,
      creditsPostedFen: row.creditsPostedFen,
      postedFen,
      availableFen: postedFen - outgoingPending,
    });
  }
  return out;
}

export interface UserBalances {
  /** Spendable now. */
  availableFen: bigint;
  /** Reserved by open holds (bids, withdrawals in progress). */
  pendingOutFen: bigint;
  /** Frozen in the user's sub-account. */
  heldFen: bigint;
  /** Everything in the user's custody sub-account. */
  totalFen: bigint;
}

export async function getUserBalances(db: DbOrTx, userId: string): Promise<UserBalances> {
  const [available, held] = await getBalances(db, [userAvailable(userId), userHeld(userId)]).then((list) => [
    list.find((b) => b.account.purpose === 'available'),
    list.find((b) => b.account.purpose === 'held'),
  ]);
  const availableFen = available?.availableFen ?? 0n;
  const pendingOutFen = available?.debitsPendingFen ?? 0n;
  const heldFen = held?.postedFen ?? 0n;
  return { availableFen, pendingOutFen, heldFen, totalFen: availableFen + pendingOutFen + heldFen };
}

/** A transfer by its idempotency key (for use cases that check before calling the bank). */
export async function findTransferByKey(db: DbOrTx, idempotencyKey: string) {
  const [row] = await db.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, idempotencyKey));
  return row;
}

/** The post or void of a pending transfer, if there is one. */
export async function findPendingResolution(db: DbOrTx, pendingId: string) {
  const [row] = await db.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.pendingId, pendingId), sql`true`));
  return row;
}
