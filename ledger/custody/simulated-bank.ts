import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { simBankAccounts, simBankInstructions } from '../../db/schema';
import { hashCanonical } from '../../kernel/canonical-json';
import { addDays, chinaMidnight } from '../../kernel/calendar';
import type { Clock } from '../../kernel/clock';
import { AppError, isAppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import type { BankAccountKind, BankInstruction, BankReceipt, BankStatement, CustodianBank, OneTimeCodeOperation, StatementLine } from './custodian-bank';
import { FaultInjector, injectedRejection, injectedTimeout } from './fault-injector';
import { checkAuthorisation, issueOneTimeCode, readOneTimeCode, recordFailedAttempt, userDebits } from './sim-bank-authorisation';
import { applyOperations, findBankAccount, lockBankAccounts } from './sim-bank-books';

/**
 * A custodian bank simulated in the same PostgreSQL database, with books of its own (sim_bank_*
 * tables). It uses its own connection pool handle — never a caller's transaction — so, like a
 * real bank, what it executes stays executed whatever happens to the caller afterwards.
 */
export class SimulatedCustodianBank implements CustodianBank {
  readonly faults = new FaultInjector();

  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async openSubAccount(input: { kind: BankAccountKind; holderId: string }): Promise<{ accountNo: string }> {
    await this.fault('openSubAccount');
    const accountNo = `62${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    await this.deps.db
      .insert(simBankAccounts)
      .values({ accountNo, accountType: input.kind, holderId: input.holderId, openedAt: this.deps.clock.now() })
      .onConflictDoNothing({ target: [simBankAccounts.accountType, simBankAccounts.holderId] });
    const [row] = await this.deps.db
      .select({ accountNo: simBankAccounts.accountNo })
      .from(simBankAccounts)
      .where(and(eq(simBankAccounts.accountType, input.kind), eq(simBankAccounts.holderId, input.holderId)));
    return { accountNo: row!.accountNo };
  }

  async requestOneTimeCode(input: { accountNo: string; operation: OneTimeCodeOperation; amountFen: bigint }) {
    await this.fault('requestOneTimeCode');
    const account = await findBankAccount(this.deps.db, input.accountNo);
    if (!account) throw new AppError('NOT_FOUND', `custodian: no sub-account ${input.accountNo}`);
    if (input.amountFen <= 0n) throw new AppError('VALIDATION', 'amount must be positive', { field: 'amount' });
    return issueOneTimeCode(this.deps.db, this.deps.clock, account, input.operation, input.amountFen);
  }

  deposit(input: { instructionId: string; accountNo: string; amountFen: bigint; authorisation?: BankInstruction['authorisation'] }) {
    return this.execute({ instructionId: input.instructionId, operations: [{ op: 'deposit', accountNo: input.accountNo, amountFen: input.amountFen }], authorisation: input.authorisation });
  }

  withdraw(input: { instructionId: string; accountNo: string; amountFen: bigint; authorisation?: BankInstruction['authorisation'] }) {
    return this.execute({ instructionId: input.instructionId, operations: [{ op: 'withdraw', accountNo: input.accountNo, amountFen: input.amountFen }], authorisation: input.authorisation });
  }

  async execute(instruction: BankInstruction): Promise<BankReceipt> {
    const fault = this.faults.take('execute');
    if (fault === 'timeout') throw injectedTimeout('execute');
    if (fault === 'reject') throw injectedRejection('execute');
    if (fault === 'duplicate_delivery') {
      const [first, second] = await Promise.allSettled([this.executeOnce(instruction), this.executeOnce(instruction)]);
      if (first.status === 'rejected') throw first.reason;
      if (second.status === 'rejected') throw second.reason;
      return first.value.duplicate ? second.value : first.value;
    }
    const receipt = await this.executeOnce(instruction);
    if (fault === 'timeout_after_execute') throw injectedTimeout('execute (after executing)');
    return receipt;
  }

  private async executeOnce(instruction: BankInstruction): Promise<BankReceipt> {
    if (instruction.operations.length === 0) throw new AppError('VALIDATION', 'custodian: an instruction needs operations');
    // The request is the operations; the authorisation is not part of it (a retry may carry a fresh code).
    const requestHash = hashCanonical(instruction.operations);
    const now = this.deps.clock.now();
    const valueAt = instruction.valueAt && instruction.valueAt < now ? instruction.valueAt : now;
    try {
      return await this.deps.db.transaction(async (tx) => {
        const claimed = await tx
          .insert(simBankInstructions)
          .values({ instructionId: instruction.instructionId, requestHash, result: {}, executedAt: now })
          .onConflictDoNothing()
          .returning({ id: simBankInstructions.instructionId });
        if (claimed.length === 0) {
          const [existing] = await tx.select().from(simBankInstructions).where(eq(simBankInstructions.instructionId, instruction.instructionId));
          if (existing!.requestHash !== requestHash) {
            throw new AppError('IDEMPOTENCY_MISMATCH', `custodian: instruction ${instruction.instructionId} was already used for different operations`);
          }
          return { ...(existing!.result as Omit<BankReceipt, 'duplicate'>), duplicate: true };
        }
        const locked = await lockBankAccounts(tx, instruction.operations);
        await checkAuthorisation(tx, this.deps.clock, userDebits(instruction.operations, locked.accounts), instruction.authorisation);
        await applyOperations(tx, instruction.instructionId, instruction.operations, locked, valueAt);
        const receipt = { instructionId: instruction.instructionId, bankReference: newId('bnk', this.deps.clock), executedAt: valueAt.toISOString() };
        await tx.update(simBankInstructions).set({ result: receipt }).where(eq(simBankInstructions.instructionId, instruction.instructionId));
        return { ...receipt, duplicate: false };
      });
    } catch (error) {
      if (isAppError(error) && error.details?.wrongCode && instruction.authorisation?.kind === 'one_time_code') {
        await recordFailedAttempt(this.deps.db, instruction.authorisation.challengeId);
      }
      throw error;
    }
  }

  async dailyStatement(businessDate: string): Promise<BankStatement> {
    await this.fault('dailyStatement');
    const start = chinaMidnight(businessDate);
    const end = chinaMidnight(addDays(businessDate, 1));
    const rows = (
      await this.deps.db.execute(sql`
        SELECT a.account_no, a.account_type, a.holder_id,
               coalesce(sum(m.balance_delta_fen) FILTER (WHERE m.value_at < ${start}), 0)::bigint AS opening,
               coalesce(sum(m.balance_delta_fen) FILTER (WHERE m.value_at < ${end}), 0)::bigint AS closing,
               coalesce(sum(m.frozen_delta_fen) FILTER (WHERE m.value_at < ${end}), 0)::bigint AS frozen,
               count(m.id) FILTER (WHERE m.value_at >= ${start} AND m.value_at < ${end})::int AS movements
          FROM sim_bank_accounts a LEFT JOIN sim_bank_movements m ON m.account_no = a.account_no
         WHERE a.opened_at < ${end}
         GROUP BY a.account_no, a.account_type, a.holder_id ORDER BY a.account_no`)
    ).rows as Array<{ account_no: string; account_type: BankAccountKind; holder_id: string; opening: bigint; closing: bigint; frozen: bigint; movements: number }>;
    const lines: StatementLine[] = rows.map((r) => ({
      accountNo: r.account_no,
      accountKind: r.account_type,
      holderId: r.holder_id,
      openingBalanceFen: r.opening,
      closingBalanceFen: r.closing,
      closingFrozenFen: r.frozen,
      movements: r.movements,
    }));
    return { businessDate, lines };
  }

  // ───── Simulation only (not part of the port) ─────

  /** The code "sent by SMS", for the API's simulated-mode endpoint and for tests. */
  async peekOneTimeCode(challengeId: string): Promise<{ code: string; holderId: string; accountNo: string; expiresAt: Date } | undefined> {
    const row = await readOneTimeCode(this.deps.db, challengeId);
    return row && { code: row.code, holderId: row.holderId, accountNo: row.accountNo, expiresAt: row.expiresAt };
  }

  async accountByHolder(kind: BankAccountKind, holderId: string) {
    const [row] = await this.deps.db.select().from(simBankAccounts).where(and(eq(simBankAccounts.accountType, kind), eq(simBankAccounts.holderId, holderId)));
    return row;
  }

  /** A booking the platform did not instruct (e.g. a bank charge): what reconciliation must catch. */
  async bookUnilaterally(input: { instructionId: string; accountNo: string; amountFen: bigint }): Promise<void> {
    const op = input.amountFen >= 0n ? ({ op: 'deposit', accountNo: input.accountNo, amountFen: input.amountFen } as const) : ({ op: 'withdraw', accountNo: input.accountNo, amountFen: -input.amountFen } as const);
    await this.deps.db.transaction(async (tx) => {
      const locked = await lockBankAccounts(tx, [op]);
      await applyOperations(tx, input.instructionId, [op], locked, this.deps.clock.now());
    });
  }

  private async fault(target: 'openSubAccount' | 'requestOneTimeCode' | 'dailyStatement'): Promise<void> {
    const fault = this.faults.take(target);
    if (fault === 'timeout' || fault === 'timeout_after_execute') throw injectedTimeout(target);
    if (fault === 'reject') throw injectedRejection(target);
  }
}
