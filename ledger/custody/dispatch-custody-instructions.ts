import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { custodyInstructions, ledgerTransfers } from '../../db/schema';
import type { Clock } from '../../kernel/clock';
import { isAppError, toAppError } from '../../kernel/errors';
import type { CustodianBank } from './custodian-bank';
import { toBankInstruction, type TransferForCustody } from './to-bank-instruction';

// One dispatcher at a time keeps instructions in ledger order (a freeze before its settle).
const DISPATCH_LOCK = 4_242_031;

export interface DispatchResult {
  executed: number;
  rejected: number;
  /** Set when a retryable failure (timeout, bank down) stopped the run; the rest stays queued. */
  stoppedBy?: string;
  skipped?: 'another dispatcher is running';
}

/**
 * The queued transfers with their legs, two queries for the whole batch (transfers and entries
 * are append-only, so reading ahead cannot go stale). Pending phases describe the hold's two
 * accounts; posted ones their own posted entries.
 */
async function loadTransfers(db: Db, transferIds: string[]): Promise<Map<string, TransferForCustody>> {
  if (transferIds.length === 0) return new Map();
  const transfers = await db.select().from(ledgerTransfers).where(inArray(ledgerTransfers.id, transferIds));
  const legsOf = (t: (typeof transfers)[number]) => ({ transferId: t.phase === 'posted' ? t.id : (t.pendingId ?? t.id), pending: t.phase !== 'posted' });
  const legRows = (
    await db.execute(sql`
      SELECT e.transfer_id, e.is_pending, CASE WHEN e.is_credit THEN 'credit' ELSE 'debit' END AS side, e.amount_fen, a.purpose, a.owner_kind, a.bank_account_no
        FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
       WHERE e.transfer_id = ANY(${sql.param([...new Set(transfers.map((t) => legsOf(t).transferId))])}::text[]) AND e.amount_fen > 0
       ORDER BY e.id`)
  ).rows as Array<{ transfer_id: string; is_pending: boolean; side: 'debit' | 'credit'; amount_fen: bigint; purpose: string; owner_kind: string; bank_account_no: string | null }>;
  const byKey = new Map<string, typeof legRows>();
  for (const row of legRows) {
    const key = `${row.transfer_id}|${row.is_pending}`;
    const legs = byKey.get(key);
    if (legs) legs.push(row);
    else byKey.set(key, [row]);
  }
  return new Map(
    transfers.map((t) => {
      const { transferId, pending } = legsOf(t);
      const legs = byKey.get(`${transferId}|${pending}`) ?? [];
      return [
        t.id,
        {
          id: t.id,
          kind: t.kind,
          phase: t.phase as TransferForCustody['phase'],
          pendingId: t.pendingId,
          amountFen: t.amountFen,
          metadata: t.metadata as Record<string, unknown>,
          createdAt: t.createdAt,
          legs: legs.map((l) => ({ side: l.side, amountFen: BigInt(l.amount_fen), purpose: l.purpose, ownerKind: l.owner_kind, bankAccountNo: l.bank_account_no })),
        },
      ];
    }),
  );
}

/**
 * Relays queued custody instructions to the bank in ledger order. At least once: a crash after
 * the bank executed but before the status is saved re-sends it, and the bank answers the
 * duplicate with the first receipt. A refusal marks the instruction rejected (reconciliation
 * then shows the difference); a timeout stops the run so nothing overtakes it.
 */
export async function dispatchCustodyInstructions(deps: { db: Db; clock: Clock; bank: CustodianBank }, options: { limit?: number } = {}): Promise<DispatchResult> {
  return deps.db.transaction(async (tx) => {
    const [lock] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${DISPATCH_LOCK}) AS ok`)).rows as Array<{ ok: boolean }>;
    if (!lock?.ok) return { executed: 0, rejected: 0, skipped: 'another dispatcher is running' as const };
    const queued = await tx
      .select({ transferId: custodyInstructions.transferId })
      .from(custodyInstructions)
      .where(eq(custodyInstructions.status, 'queued'))
      .orderBy(asc(custodyInstructions.createdAt), asc(custodyInstructions.transferId))
      .limit(options.limit ?? 200);
    const result: DispatchResult = { executed: 0, rejected: 0 };
    const transfers = await loadTransfers(deps.db, queued.map((q) => q.transferId));
    for (const { transferId } of queued) {
      const now = deps.clock.now();
      try {
        const receipt = await deps.bank.execute(toBankInstruction(transfers.get(transferId)!));
        await tx.update(custodyInstructions).set({ status: 'executed', bankReference: receipt.bankReference, attempts: sql`${custodyInstructions.attempts} + 1`, updatedAt: now }).where(eq(custodyInstructions.transferId, transferId));
        result.executed += 1;
      } catch (error) {
        const appError = toAppError(error);
        const retry = !isAppError(error) || appError.retryable;
        await tx
          .update(custodyInstructions)
          .set({ status: retry ? 'queued' : 'rejected', lastError: `${appError.code}: ${appError.message}`, attempts: sql`${custodyInstructions.attempts} + 1`, updatedAt: now })
          .where(eq(custodyInstructions.transferId, transferId));
        if (retry) {
          result.stoppedBy = `${appError.code}: ${appError.message}`;
          break;
        }
        result.rejected += 1;
      }
    }
    return result;
  });
}
