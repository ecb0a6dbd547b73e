import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rows } from './audit-breach';

interface MovementRow {
  id: string;
  account_no: string;
  balance_delta_fen: string;
  frozen_delta_fen: string;
  /** Milliseconds since the epoch (floored: compared with a whole-millisecond day end). */
  value_ms: string;
}

/**
 * The auditor's running copy of the custodian's closing balances, from the bank's own journal
 * (sim_bank_movements, append-only): each day adds the new movements, value-dated like the
 * bank's daily statement (closing = Σ movements valued before the day's end). The full audit
 * still reads the statement the bank itself produces.
 */
export class BankMirror {
  private readonly closing = new Map<string, { balanceFen: bigint; frozenFen: bigint }>();
  private lastMovementId = 0n;
  /** Movements valued after the last day's end (a later day's). */
  private later: MovementRow[] = [];

  async closeDay(db: Db, dayEnd: Date): Promise<Map<string, { balanceFen: bigint; frozenFen: bigint }>> {
    const fresh = await rows<MovementRow>(db, sql`
      SELECT m.id::text, account_no, balance_delta_fen::text, frozen_delta_fen::text, floor(extract(epoch FROM value_at) * 1000)::bigint::text AS value_ms
        FROM sim_bank_movements m WHERE m.id > ${this.lastMovementId.toString()}::bigint ORDER BY m.id`);
    if (fresh.length > 0) this.lastMovementId = BigInt(fresh.at(-1)!.id);
    const candidates = [...this.later, ...fresh];
    this.later = [];
    for (const m of candidates) {
      if (Number(m.value_ms) >= dayEnd.getTime()) {
        this.later.push(m);
        continue;
      }
      const c = this.closing.get(m.account_no) ?? { balanceFen: 0n, frozenFen: 0n };
      c.balanceFen += BigInt(m.balance_delta_fen);
      c.frozenFen += BigInt(m.frozen_delta_fen);
      this.closing.set(m.account_no, c);
    }
    return this.closing;
  }
}
