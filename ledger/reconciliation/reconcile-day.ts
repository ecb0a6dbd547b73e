import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appendAudit } from '../../db/audit/append-audit';
import { majorEvents, reconciliationIncidents, reconciliationRuns } from '../../db/schema';
import { formatYuan } from '../../kernel/money';
import { addDays, chinaMidnight, parseIsoDate } from '../../kernel/calendar';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import type { CustodianBank } from '../custody/custodian-bank';
import { dispatchCustodyInstructions } from '../custody/dispatch-custody-instructions';
import { isFundingFrozen } from './assert-funding-not-frozen';
import { ledgerPositionsAt } from './ledger-positions';

export const MAJOR_EVENT_DISCLOSURE_MS = 48 * 3_600_000;

export interface ReconciliationAlert {
  businessDate: string;
  mismatches: number;
  majorEventId: string;
}

export interface ReconcileDeps {
  db: Db;
  clock: Clock;
  bank: CustodianBank;
  /** Where alerts go (the lead wires paging/ops chat); default: stderr. */
  alert?: (alert: ReconciliationAlert) => void | Promise<void>;
}

export interface Mismatch {
  accountNo: string;
  ledgerBalanceFen: bigint;
  bankBalanceFen: bigint;
  ledgerFrozenFen: bigint;
  bankFrozenFen: bigint;
}

export interface ReconcileResult {
  businessDate: string;
  accountsCompared: number;
  mismatches: Mismatch[];
  fundingFrozen: boolean;
  replayed: boolean;
}

async function storedResult(db: Db, businessDate: string): Promise<ReconcileResult | undefined> {
  const [run] = await db.select().from(reconciliationRuns).where(eq(reconciliationRuns.businessDate, businessDate));
  if (!run) return undefined;
  const incidents = await db.select().from(reconciliationIncidents).where(eq(reconciliationIncidents.businessDate, businessDate)).orderBy(desc(reconciliationIncidents.bankAccountNo));
  return {
    businessDate,
    accountsCompared: run.accountsCompared,
    mismatches: incidents.map(({ bankAccountNo, ledgerBalanceFen, bankBalanceFen, ledgerFrozenFen, bankFrozenFen }) => ({ accountNo: bankAccountNo, ledgerBalanceFen, bankBalanceFen, ledgerFrozenFen, bankFrozenFen })),
    fundingFrozen: await isFundingFrozen(db),
    replayed: true,
  };
}

/**
 * Daily reconciliation (REQUIREMENTS 21), idempotent per business date: compares, per custody
 * sub-account, the ledger rebuilt from entries at the day's end with the bank's statement. Any
 * difference opens an incident (which freezes new funding until an admin resolves it), raises
 * an alert and opens a major-event disclosure due within 48 hours.
 */
export async function reconcileDay(deps: ReconcileDeps, input: { businessDate: string }): Promise<ReconcileResult> {
  parseIsoDate(input.businessDate);
  const cutoff = chinaMidnight(addDays(input.businessDate, 1));
  if (cutoff.getTime() > deps.clock.now().getTime()) {
    throw new AppError('VALIDATION', `business day ${input.businessDate} is not over yet`, { field: 'businessDate' });
  }
  const already = await storedResult(deps.db, input.businessDate);
  if (already) return already;

  // Instructions still queued would be booked by the bank with their own (earlier) value time.
  await dispatchCustodyInstructions(deps);
  const statement = await deps.bank.dailyStatement(input.businessDate);
  const positions = await ledgerPositionsAt(deps.db, cutoff);
  const ledger = new Map(positions.map((p) => [p.accountNo, p]));
  const bank = new Map(statement.lines.map((l) => [l.accountNo, l]));
  const mismatches: Mismatch[] = [];
  for (const accountNo of new Set([...ledger.keys(), ...bank.keys()])) {
    const l = ledger.get(accountNo);
    const b = bank.get(accountNo);
    const row = { accountNo, ledgerBalanceFen: l?.balanceFen ?? 0n, bankBalanceFen: b?.closingBalanceFen ?? 0n, ledgerFrozenFen: l?.frozenFen ?? 0n, bankFrozenFen: b?.closingFrozenFen ?? 0n };
    if (row.ledgerBalanceFen !== row.bankBalanceFen || row.ledgerFrozenFen !== row.bankFrozenFen) mismatches.push(row);
  }
  const now = deps.clock.now();
  const majorEventId = mismatches.length > 0 ? newId('mev', deps.clock) : null;
  const claimed = await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(reconciliationRuns)
      .values({ businessDate: input.businessDate, ranAt: now, accountsCompared: ledger.size + [...bank.keys()].filter((k) => !ledger.has(k)).length, mismatches: mismatches.length })
      .onConflictDoNothing()
      .returning({ businessDate: reconciliationRuns.businessDate });
    if (inserted.length === 0) return false; // a concurrent run of the same date won
    if (majorEventId) {
      const lines = mismatches.map((m) => `${m.accountNo}: ledger ${formatYuan(m.ledgerBalanceFen)} (frozen ${formatYuan(m.ledgerFrozenFen)}), bank ${formatYuan(m.bankBalanceFen)} (frozen ${formatYuan(m.bankFrozenFen)})`);
      await tx.insert(majorEvents).values({
        id: majorEventId,
        kind: 'custody_reconciliation_mismatch',
        occurredAt: now,
        publishBy: new Date(now.getTime() + MAJOR_EVENT_DISCLOSURE_MS),
        title: `Custody reconciliation mismatch on ${input.businessDate}`,
        body: `The platform's ledger and the custodian bank's statement for ${input.businessDate} differ on ${mismatches.length} sub-account(s). New funding is suspended until the difference is explained and resolved.\n${lines.join('\n')}`,
      });
      await tx.insert(reconciliationIncidents).values(
        mismatches.map((m) => ({ id: newId('rci', deps.clock), businessDate: input.businessDate, bankAccountNo: m.accountNo, ...m, status: 'open', openedAt: now, majorEventId })),
      );
    }
    await appendAudit(tx, deps.clock, { actorId: null, action: 'reconciliation.ran', subjectType: 'reconciliation', subjectId: input.businessDate, data: { mismatches: mismatches.length, majorEventId } });
    return true;
  });
  if (!claimed) return (await storedResult(deps.db, input.businessDate))!;
  if (majorEventId) {
    const alert = { businessDate: input.businessDate, mismatches: mismatches.length, majorEventId };
    await (deps.alert ?? ((a: ReconciliationAlert) => console.warn(`[ALERT] custody reconciliation mismatch: ${JSON.stringify(a)}`)))(alert);
  }
  return { businessDate: input.businessDate, accountsCompared: ledger.size, mismatches, fundingFrozen: await isFundingFrozen(deps.db), replayed: false };
}

/** The job processor the lead schedules daily: idempotent per business date. */
export function processReconciliation(deps: ReconcileDeps, payload: { businessDate: string }): Promise<ReconcileResult> {
  return reconcileDay(deps, payload);
}
