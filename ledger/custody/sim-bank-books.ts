import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { simBankAccounts, simBankFreezes, simBankMovements } from '../../db/schema';
import { AppError } from '../../kernel/errors';
import type { BankAccountKind, BankOperation } from './custodian-bank';

/**
 * The simulated bank's own books: sub-accounts with a balance and a frozen amount, freezes,
 * and an append-only journal of movements. It never reads the platform's ledger tables.
 */
export interface BookAccount {
  accountNo: string;
  kind: BankAccountKind;
  holderId: string;
  balanceFen: bigint;
  frozenFen: bigint;
}

interface Freeze {
  freezeId: string;
  accountNo: string;
  amountFen: bigint;
  status: string;
}

export async function findBankAccount(db: DbOrTx, accountNo: string): Promise<BookAccount | undefined> {
  const [row] = await db.select().from(simBankAccounts).where(eq(simBankAccounts.accountNo, accountNo));
  return row && { accountNo: row.accountNo, kind: row.accountType as BankAccountKind, holderId: row.holderId, balanceFen: row.balanceFen, frozenFen: row.frozenFen };
}

function accountsOf(operations: BankOperation[], freezes: Map<string, Freeze>): string[] {
  const numbers = new Set<string>();
  for (const op of operations) {
    if (op.op === 'transfer') numbers.add(op.fromAccountNo).add(op.toAccountNo);
    else if (op.op === 'settle') {
      numbers.add(op.toAccountNo);
      const freeze = freezes.get(op.freezeId);
      if (freeze) numbers.add(freeze.accountNo);
    } else numbers.add(op.accountNo);
  }
  return [...numbers].sort();
}

/** Locks (in account-number order, so concurrent instructions never deadlock) and loads accounts. */
export async function lockBankAccounts(tx: DbOrTx, operations: BankOperation[]): Promise<{ accounts: Map<string, BookAccount>; freezes: Map<string, Freeze> }> {
  const freezeIds = operations.flatMap((op) => (op.op === 'settle' || (op.op === 'unfreeze' && op.freezeId) ? [op.op === 'settle' ? op.freezeId : op.freezeId!] : []));
  const freezeRows = freezeIds.length > 0 ? await tx.select().from(simBankFreezes).where(inArray(simBankFreezes.freezeId, freezeIds)) : [];
  const freezes = new Map(freezeRows.map((f) => [f.freezeId, f]));
  const numbers = accountsOf(operations, freezes);
  const rows = (
    await tx.execute(sql`SELECT account_no, account_type, holder_id, balance_fen, frozen_fen FROM sim_bank_accounts WHERE account_no IN (${sql.join(numbers.map((n) => sql`${n}`), sql`, `)}) ORDER BY account_no FOR UPDATE`)
  ).rows as Array<{ account_no: string; account_type: BankAccountKind; holder_id: string; balance_fen: bigint; frozen_fen: bigint }>;
  const accounts = new Map(rows.map((r) => [r.account_no, { accountNo: r.account_no, kind: r.account_type, holderId: r.holder_id, balanceFen: r.balance_fen, frozenFen: r.frozen_fen }]));
  for (const n of numbers) if (!accounts.has(n)) throw new AppError('NOT_FOUND', `custodian: no sub-account ${n}`, { accountNo: n });
  return { accounts, freezes };
}

interface Movement {
  accountNo: string;
  balanceDeltaFen: bigint;
  frozenDeltaFen: bigint;
}

function spendable(account: BookAccount): bigint {
  return account.balanceFen - account.frozenFen;
}

function refuse(message: string, details: Record<string, unknown>): never {
  throw new AppError('INSUFFICIENT_FUNDS', `custodian: ${message}`, details);
}

/**
 * Applies operations in order to the locked accounts (all or nothing: any refusal throws
 * before a single row is written) and books them.
 */
export async function applyOperations(
  tx: DbOrTx,
  instructionId: string,
  operations: BankOperation[],
  locked: { accounts: Map<string, BookAccount>; freezes: Map<string, Freeze> },
  valueAt: Date,
): Promise<void> {
  const { accounts, freezes } = locked;
  const movements: Movement[] = [];
  const freezeWrites: Array<{ freezeId: string; accountNo: string; amountFen: bigint; status: string; isNew: boolean }> = [];
  const move = (accountNo: string, balanceDeltaFen: bigint, frozenDeltaFen: bigint) => {
    const account = accounts.get(accountNo)!;
    account.balanceFen += balanceDeltaFen;
    account.frozenFen += frozenDeltaFen;
    movements.push({ accountNo, balanceDeltaFen, frozenDeltaFen });
  };
  const openFreeze = (freezeId: string): Freeze => {
    const freeze = freezes.get(freezeId);
    if (!freeze || freeze.status !== 'open') throw new AppError('CONFLICT', `custodian: freeze ${freezeId} is not open`, { freezeId });
    return freeze;
  };
  for (const op of operations) {
    if (op.amountFen <= 0n) throw new AppError('VALIDATION', 'custodian: amounts must be positive', { op: op.op });
    switch (op.op) {
      case 'deposit':
        move(op.accountNo, op.amountFen, 0n);
        break;
      case 'withdraw':
        if (spendable(accounts.get(op.accountNo)!) < op.amountFen) refuse(`insufficient balance in ${op.accountNo}`, { accountNo: op.accountNo });
        move(op.accountNo, -op.amountFen, 0n);
        break;
      case 'freeze':
        if (freezes.has(op.freezeId)) throw new AppError('CONFLICT', `custodian: freeze ${op.freezeId} exists`, { freezeId: op.freezeId });
        if (spendable(accounts.get(op.accountNo)!) < op.amountFen) refuse(`insufficient balance to freeze in ${op.accountNo}`, { accountNo: op.accountNo });
        move(op.accountNo, 0n, op.amountFen);
        freezes.set(op.freezeId, { freezeId: op.freezeId, accountNo: op.accountNo, amountFen: op.amountFen, status: 'open' });
        freezeWrites.push({ freezeId: op.freezeId, accountNo: op.accountNo, amountFen: op.amountFen, status: 'open', isNew: true });
        break;
      case 'unfreeze': {
        if (op.freezeId) {
          const freeze = openFreeze(op.freezeId);
          if (freeze.amountFen !== op.amountFen || freeze.accountNo !== op.accountNo) throw new AppError('CONFLICT', `custodian: freeze ${op.freezeId} does not match`, { freezeId: op.freezeId });
          freeze.status = 'released';
          freezeWrites.push({ ...freeze, isNew: false });
        }
        if (accounts.get(op.accountNo)!.frozenFen < op.amountFen) refuse(`not that much frozen in ${op.accountNo}`, { accountNo: op.accountNo });
        move(op.accountNo, 0n, -op.amountFen);
        break;
      }
      case 'settle': {
        const freeze = openFreeze(op.freezeId);
        if (op.amountFen > freeze.amountFen) refuse(`settle exceeds freeze ${op.freezeId}`, { freezeId: op.freezeId });
        move(freeze.accountNo, -op.amountFen, -freeze.amountFen);
        move(op.toAccountNo, op.amountFen, 0n);
        freeze.status = 'settled';
        freezeWrites.push({ ...freeze, isNew: false });
        break;
      }
      case 'transfer': {
        const from = accounts.get(op.fromAccountNo)!;
        if (op.fromFrozen ? from.frozenFen < op.amountFen : spendable(from) < op.amountFen) refuse(`insufficient balance in ${op.fromAccountNo}`, { accountNo: op.fromAccountNo });
        move(op.fromAccountNo, -op.amountFen, op.fromFrozen ? -op.amountFen : 0n);
        move(op.toAccountNo, op.amountFen, 0n);
        break;
      }
    }
  }
  // One statement per kind of write, however many legs (a disbursement settles one freeze per bid).
  const touched = [...new Set(movements.map((m) => m.accountNo))].map((accountNo) => accounts.get(accountNo)!);
  if (touched.length > 0) {
    await tx.execute(sql`
      UPDATE sim_bank_accounts a SET balance_fen = v.balance_fen, frozen_fen = v.frozen_fen
        FROM (VALUES ${sql.join(touched.map((t) => sql`(${t.accountNo}, ${t.balanceFen.toString()}::bigint, ${t.frozenFen.toString()}::bigint)`), sql`, `)}) AS v(account_no, balance_fen, frozen_fen)
       WHERE a.account_no = v.account_no`);
  }
  if (movements.length > 0) await tx.insert(simBankMovements).values(movements.map((m) => ({ ...m, instructionId, valueAt })));
  const created = freezeWrites.filter((f) => f.isNew);
  if (created.length > 0) await tx.insert(simBankFreezes).values(created.map((f) => ({ freezeId: f.freezeId, accountNo: f.accountNo, amountFen: f.amountFen, status: f.status, createdAt: valueAt })));
  const changed = freezeWrites.filter((f) => !f.isNew);
  if (changed.length > 0) {
    await tx.execute(sql`
      UPDATE sim_bank_freezes f SET status = v.status
        FROM (VALUES ${sql.join(changed.map((c) => sql`(${c.freezeId}, ${c.status})`), sql`, `)}) AS v(freeze_id, status)
       WHERE f.freeze_id = v.freeze_id AND f.status = 'open'`);
  }
}
