import { randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { simBankOneTimeCodes } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import type { BookAccount } from './sim-bank-books';
import type { BankAuthorisation, BankOperation, OneTimeCodeOperation } from './custodian-bank';

export const ONE_TIME_CODE_TTL_MS = 5 * 60_000;
export const ONE_TIME_CODE_MAX_ATTEMPTS = 5;

/** Issues a 6-digit code bound to one account, operation and amount (the bank "sends it by SMS"). */
export async function issueOneTimeCode(
  db: DbOrTx,
  clock: Clock,
  account: BookAccount,
  operation: OneTimeCodeOperation,
  amountFen: bigint,
): Promise<{ challengeId: string; expiresAt: string }> {
  const issuedAt = clock.now();
  const expiresAt = new Date(issuedAt.getTime() + ONE_TIME_CODE_TTL_MS);
  const challengeId = newId('otp', clock);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.insert(simBankOneTimeCodes).values({ id: challengeId, accountNo: account.accountNo, holderId: account.holderId, operation, amountFen, code, issuedAt, expiresAt });
  return { challengeId, expiresAt: expiresAt.toISOString() };
}

/** Simulation only: the code as the holder's phone would show it. */
export async function readOneTimeCode(db: DbOrTx, challengeId: string) {
  const [row] = await db.select().from(simBankOneTimeCodes).where(eq(simBankOneTimeCodes.id, challengeId));
  return row;
}

/** Counted outside the instruction's transaction, so a wrong code still uses up an attempt. */
export async function recordFailedAttempt(db: DbOrTx, challengeId: string): Promise<void> {
  await db.update(simBankOneTimeCodes).set({ attempts: sql`${simBankOneTimeCodes.attempts} + 1` }).where(eq(simBankOneTimeCodes.id, challengeId));
}

interface UserDebit {
  account: BookAccount;
  operation: OneTimeCodeOperation | 'freeze';
  amountFen: bigint;
}

/** The operations that take money out of (or freeze money in) a user's sub-account. */
export function userDebits(operations: BankOperation[], accounts: Map<string, BookAccount>): UserDebit[] {
  const out: UserDebit[] = [];
  for (const op of operations) {
    const target = op.op === 'deposit' || op.op === 'withdraw' || op.op === 'freeze' ? op.accountNo : op.op === 'transfer' && !op.fromFrozen ? op.fromAccountNo : null;
    const account = target ? accounts.get(target) : undefined;
    if (!account || account.kind !== 'user') continue;
    const operation = op.op === 'transfer' ? 'transfer' : op.op === 'freeze' ? 'freeze' : (op.op as OneTimeCodeOperation);
    out.push({ account, operation, amountFen: op.amountFen });
  }
  return out;
}

/**
 * REQUIREMENTS 20 at the bank: a user debit needs that user's authorisation. A one-time code
 * must match the account, operation and amount, be unexpired and unused; it is consumed in the
 * instruction's transaction (so a refused instruction leaves it usable).
 */
export async function checkAuthorisation(tx: DbOrTx, clock: Clock, debits: UserDebit[], authorisation: BankAuthorisation | undefined): Promise<void> {
  for (const debit of debits) {
    if (!authorisation) {
      throw new AppError('FORBIDDEN', `custodian: debiting ${debit.account.accountNo} needs the holder's authorisation`, { accountNo: debit.account.accountNo });
    }
    if (authorisation.kind === 'bid_request') {
      if (debit.operation === 'freeze') continue;
      throw new AppError('FORBIDDEN', 'custodian: a bid request authorises a freeze only', { accountNo: debit.account.accountNo });
    }
    if (authorisation.kind === 'repayment_mandate') {
      if (debit.operation === 'transfer') continue;
      throw new AppError('FORBIDDEN', 'custodian: a loan contract mandate authorises repayment and fee transfers only', { accountNo: debit.account.accountNo });
    }
    const otp = authorisation as Extract<BankAuthorisation, { kind: 'one_time_code' }>;
    const [code] = await tx.select().from(simBankOneTimeCodes).where(and(eq(simBankOneTimeCodes.id, otp.challengeId), isNull(simBankOneTimeCodes.usedAt))).for('update');
    const expected = debit.operation === 'freeze' ? 'transfer' : debit.operation;
    const problem = !code
      ? 'unknown or already used'
      : code.attempts >= ONE_TIME_CODE_MAX_ATTEMPTS
        ? 'locked after too many wrong attempts'
        : code.expiresAt.getTime() <= clock.now().getTime()
          ? 'expired'
          : code.accountNo !== debit.account.accountNo || code.operation !== expected || code.amountFen !== debit.amountFen
            ? 'issued for another operation or amount'
            : code.code !== otp.code
              ? 'wrong'
              : null;
    if (problem) throw new AppError('FORBIDDEN', `custodian: the one-time code is ${problem}`, { field: 'oneTimeCode', challengeId: otp.challengeId, wrongCode: problem === 'wrong' });
    await tx.update(simBankOneTimeCodes).set({ usedAt: clock.now() }).where(eq(simBankOneTimeCodes.id, code!.id));
  }
}
