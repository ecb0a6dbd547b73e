import { sql } from 'drizzle-orm';
import { addDays, chinaMidnight } from '../kernel/calendar';
import { AuditBreach, invariantChecker, type AuditContext } from './audit-breach';
import { BankMirror } from './bank-mirror';
import { BOOK_INVARIANTS } from './book-invariants';
import { changedScope, writtenSince, xidWatermark } from './changed-rows';
import { LedgerMirror } from './ledger-mirror';

/** Observation only: how a caller times the parts of an audit. */
export type Timing = <T>(phase: string, work: () => Promise<T>) => Promise<T>;

/**
 * The daily audit, incremental: the same invariants as the full audit, over what was written
 * since the previous day's audit (told by PostgreSQL's row versions, see changed-rows.ts), with
 * the ledger and the bank's closing balances kept as running copies. Its cost follows the day's
 * activity, not the size of the books. It must run while no platform transaction is in flight
 * (the simulator awaits every phase first), so each new entry is seen exactly once.
 */
export class DailyAudit {
  private readonly ledger = new LedgerMirror();
  private readonly bank = new BankMirror();
  /** Rows written by transactions at or after this id are new to the next audit. */
  private watermark = 0n;

  async check(ctx: AuditContext, businessDate: string, time: Timing = (_phase, work) => work()): Promise<number> {
    const { db } = ctx;
    const checker = invariantChecker(db);
    const nextWatermark = await xidWatermark(db);
    const since = (alias: string) => writtenSince(alias, this.watermark);
    const cutoff = chinaMidnight(addDays(businessDate, 1));

    await time('audit:ledger', () => this.ledger.check(db, since, cutoff));
    checker.count();
    const ledger = this.ledger.positions();
    const bank = await time('audit:bank', () => this.bank.closeDay(db, cutoff));
    checker.count();
    for (const accountNo of new Set([...ledger.keys(), ...bank.keys()])) {
      const l = ledger.get(accountNo) ?? { balanceFen: 0n, frozenFen: 0n };
      const b = bank.get(accountNo) ?? { balanceFen: 0n, frozenFen: 0n };
      if (l.balanceFen !== b.balanceFen || l.frozenFen !== b.frozenFen) throw new AuditBreach('ledger = custodian bank', { accountNo, ledger: l, bank: b });
    }

    const scope = await time('audit:scope', () => changedScope(db, this.watermark));
    // One snapshot for every invariant. No JIT: these are small index-driven reads whose row
    // estimates can look large, and compiling them costs more than running them.
    await db.transaction(
      async (tx) => {
        await tx.execute(sql`SET LOCAL jit = off`);
        const inTx = invariantChecker(tx);
        for (const invariant of BOOK_INVARIANTS) await time(`audit:${invariant.name.slice(0, 24)}`, () => inTx.expectNone(invariant.name, invariant.query(scope)));
        checker.count(inTx.checks);
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    this.watermark = nextWatermark;
    return checker.checks;
  }
}
