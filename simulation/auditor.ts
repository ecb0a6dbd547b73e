import type { AuditContext } from './audit-breach';
import type { PhaseTimer } from './phase-timer';
import { DailyAudit } from './daily-audit';
import { fullAudit } from './full-audit';
import { DecisionReplayer } from './replay-decisions';

export { AuditBreach, type AuditContext } from './audit-breach';

export interface AuditTotals {
  dailyAudits: number;
  fullAudits: number;
  checks: number;
  decisionsReplayed: number;
}

/**
 * The independent checker run after every simulated day. It reads the books with plain SQL
 * (and the bank's own statement), never the use cases' own bookkeeping, and reports the first
 * invariant that does not hold. Every day: the incremental audit (what changed) and a replay of
 * every decision recorded that day. On `full` days (each month's end, the run's last day) also
 * every invariant over every row, from scratch.
 */
export class Auditor {
  private readonly daily = new DailyAudit();
  private readonly replayer = new DecisionReplayer();
  readonly totals: AuditTotals = { dailyAudits: 0, fullAudits: 0, checks: 0, decisionsReplayed: 0 };

  constructor(
    private readonly ctx: AuditContext,
    private readonly timer?: PhaseTimer,
  ) {}

  async auditDay(businessDate: string, options: { full: boolean }): Promise<void> {
    this.totals.checks += await this.time('audit:daily', () => this.daily.check(this.ctx, businessDate, (phase, work) => this.time(phase, work)));
    this.totals.dailyAudits += 1;
    this.totals.checks += await this.time('audit:replay', () => this.replayer.replayNew(this.ctx));
    this.totals.decisionsReplayed = this.replayer.replayed;
    if (options.full) {
      this.totals.checks += await this.time('audit:full', () => fullAudit(this.ctx, businessDate));
      this.totals.fullAudits += 1;
    }
  }

  private time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    return this.timer ? this.timer.time(phase, work) : work();
  }
}
