import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { AuditBreach, rows } from './audit-breach';
import { textArray } from './book-invariants';

const LEDGER_BALANCED = 'ledger balanced (debits = credits, balances rebuild from entries)';

interface Sums {
  dpost: bigint;
  cpost: bigint;
  dpend: bigint;
  cpend: bigint;
}

interface MirroredAccount {
  label: string;
  purpose: string;
  bankAccountNo: string | null;
  debitsMustNotExceedCredits: boolean;
  creditsMustNotExceedDebits: boolean;
  stored: Sums;
  rebuilt: Sums;
  /** Σ posted (credit − debit) of entries created before the last cutoff. */
  postedNetFen: bigint;
  /** Σ pending debit entries of holds the bank was told about ('outbox'), created before the last cutoff. */
  outboxHoldFen: bigint;
}

interface EntryRow {
  id: string;
  transfer_id: string;
  account_id: string;
  is_credit: boolean;
  is_pending: boolean;
  amount_fen: string;
  /** Milliseconds since the epoch (floored: compared with a whole-millisecond cutoff). */
  created_ms: string;
  custody: string | null;
  transfer_found: boolean;
}

const zero = (): Sums => ({ dpost: 0n, cpost: 0n, dpend: 0n, cpend: 0n });
const same = (a: Sums, b: Sums) => a.dpost === b.dpost && a.cpost === b.cpost && a.dpend === b.dpend && a.cpend === b.cpend;
const show = (s: Sums) => `${s.dpost}/${s.cpost}/${s.dpend}/${s.cpend}`;

/**
 * The auditor's own copy of the ledger, rebuilt from entries as they are appended (entries are
 * append-only, enforced by a trigger): each day reads only the new entries and the account rows
 * written since, yet checks what verifyLedger and ledgerPositionsAt check over everything —
 * debits = credits per transfer and in total, every balance = its entries, no transfer without
 * entries, and each custody sub-account's balance and frozen amount at the day's end.
 * Missing an entry cannot hide a breach: the account's stored balance would then differ.
 */
export class LedgerMirror {
  private readonly accounts = new Map<string, MirroredAccount>();
  private readonly totals = zero();
  private lastEntryId = 0n;
  /** Entries stamped after the last cutoff (tonight's jobs): they count for a later day's positions. */
  private afterCutoff: EntryRow[] = [];

  /** Reads the entries and account rows written since the last audit and checks the ledger; positions move to `cutoff`. */
  async check(db: Db, writtenSince: (alias: string) => ReturnType<typeof sql>, cutoff: Date): Promise<void> {
    // A rewritten account row is compared even without new entries (a balance edited by hand).
    const touched = new Set(await this.loadAccounts(db, writtenSince));
    const entries = await rows<EntryRow>(db, sql`
      SELECT e.id::text, e.transfer_id, e.account_id::text, e.is_credit, e.is_pending, e.amount_fen::text, floor(extract(epoch FROM e.created_at) * 1000)::bigint::text AS created_ms, t.custody, t.id IS NOT NULL AS transfer_found
        FROM ledger_entries e LEFT JOIN ledger_transfers t ON t.id = e.transfer_id
       WHERE e.id > ${this.lastEntryId.toString()}::bigint ORDER BY e.id`);
    const perTransfer = new Map<string, { posted: bigint; pending: bigint }>();
    for (const e of entries) {
      const account = this.accounts.get(e.account_id);
      if (!account) throw new AuditBreach(LEDGER_BALANCED, { entry: e.id, account: '(entries for a missing account)' });
      if (!e.transfer_found) throw new AuditBreach(LEDGER_BALANCED, { entry: e.id, orphan: 'entry of no transfer' });
      const amount = BigInt(e.amount_fen);
      const key = `${e.is_credit ? 'c' : 'd'}${e.is_pending ? 'pend' : 'post'}` as keyof Sums;
      account.rebuilt[key] += amount;
      this.totals[key] += amount;
      touched.add(e.account_id);
      const t = perTransfer.get(e.transfer_id) ?? { posted: 0n, pending: 0n };
      const signed = e.is_credit ? amount : -amount;
      if (e.is_pending) t.pending += signed;
      else t.posted += signed;
      perTransfer.set(e.transfer_id, t);
      this.lastEntryId = BigInt(e.id);
    }
    // A transfer's entries are written with it, in one transaction: each new transfer balances on its own.
    const unbalanced = [...perTransfer.entries()].filter(([, t]) => t.posted !== 0n || t.pending !== 0n).map(([id]) => id);
    if (unbalanced.length > 0) throw new AuditBreach(LEDGER_BALANCED, { unbalancedTransfers: unbalanced.slice(0, 10) });
    await this.checkNoTransferWithoutEntries(db, writtenSince, perTransfer);
    if (this.totals.dpost !== this.totals.cpost || this.totals.dpend !== this.totals.cpend) throw new AuditBreach(LEDGER_BALANCED, { totals: show(this.totals) });
    for (const id of touched) this.compareAccount(id);
    this.advanceCutoff([...this.afterCutoff, ...entries], cutoff);
  }

  /** Transfers written since the last audit normally have their entries among the new ones; any other is looked up. */
  private async checkNoTransferWithoutEntries(db: Db, writtenSince: (alias: string) => ReturnType<typeof sql>, withNewEntries: Map<string, unknown>): Promise<void> {
    const written = await rows<{ id: string }>(db, sql`SELECT id FROM ledger_transfers t WHERE ${writtenSince('t')}`);
    const others = written.map((t) => t.id).filter((id) => !withNewEntries.has(id));
    if (others.length === 0) return;
    const found = await rows<{ id: string }>(db, sql`SELECT DISTINCT transfer_id AS id FROM ledger_entries WHERE transfer_id = ANY(${textArray(others)})`);
    const withEntries = new Set(found.map((r) => r.id));
    const orphans = others.filter((id) => !withEntries.has(id));
    if (orphans.length > 0) throw new AuditBreach(LEDGER_BALANCED, { transfersWithoutEntries: orphans.slice(0, 10) });
  }

  /** The ledger's view of every custody sub-account at the last cutoff (what ledgerPositionsAt returns). */
  positions(): Map<string, { balanceFen: bigint; frozenFen: bigint }> {
    const byBankAccount = new Map<string, { balanceFen: bigint; frozenFen: bigint }>();
    for (const a of this.accounts.values()) {
      if (a.bankAccountNo === null) continue;
      const p = byBankAccount.get(a.bankAccountNo) ?? { balanceFen: 0n, frozenFen: 0n };
      p.balanceFen += a.postedNetFen;
      p.frozenFen += (a.purpose === 'held' ? a.postedNetFen : 0n) + a.outboxHoldFen;
      byBankAccount.set(a.bankAccountNo, p);
    }
    return byBankAccount;
  }

  /** Account rows written since the last audit, into the copy; returns their ids. */
  private async loadAccounts(db: Db, writtenSince: (alias: string) => ReturnType<typeof sql>): Promise<string[]> {
    const changed = await rows<{
      id: string;
      label: string;
      purpose: string;
      bank_account_no: string | null;
      dmnec: boolean;
      cmned: boolean;
      dpost: string;
      cpost: string;
      dpend: string;
      cpend: string;
    }>(db, sql`
      SELECT id::text, owner_kind || ':' || owner_id || ':' || purpose AS label, purpose, bank_account_no,
             debits_must_not_exceed_credits AS dmnec, credits_must_not_exceed_debits AS cmned,
             debits_posted_fen::text AS dpost, credits_posted_fen::text AS cpost, debits_pending_fen::text AS dpend, credits_pending_fen::text AS cpend
        FROM ledger_accounts a WHERE ${writtenSince('a')}`);
    for (const r of changed) {
      const stored = { dpost: BigInt(r.dpost), cpost: BigInt(r.cpost), dpend: BigInt(r.dpend), cpend: BigInt(r.cpend) };
      const known = this.accounts.get(r.id);
      const fields = { label: r.label, purpose: r.purpose, bankAccountNo: r.bank_account_no, debitsMustNotExceedCredits: r.dmnec, creditsMustNotExceedDebits: r.cmned, stored };
      if (known) Object.assign(known, fields);
      else this.accounts.set(r.id, { ...fields, rebuilt: zero(), postedNetFen: 0n, outboxHoldFen: 0n });
    }
    return changed.map((r) => r.id);
  }

  private compareAccount(id: string): void {
    const a = this.accounts.get(id)!;
    if (!same(a.stored, a.rebuilt)) throw new AuditBreach(LEDGER_BALANCED, { accountMismatches: [{ accountId: id, account: a.label, stored: show(a.stored), rebuilt: show(a.rebuilt) }] });
    const s = a.stored;
    if ((a.debitsMustNotExceedCredits && s.dpost + s.dpend > s.cpost) || (a.creditsMustNotExceedDebits && s.cpost + s.cpend > s.dpost)) {
      throw new AuditBreach(LEDGER_BALANCED, { flagViolation: a.label, balances: show(s) });
    }
  }

  private advanceCutoff(candidates: EntryRow[], cutoff: Date): void {
    this.afterCutoff = [];
    for (const e of candidates) {
      if (Number(e.created_ms) >= cutoff.getTime()) {
        this.afterCutoff.push(e);
        continue;
      }
      const a = this.accounts.get(e.account_id)!;
      const amount = BigInt(e.amount_fen);
      if (!e.is_pending) a.postedNetFen += e.is_credit ? amount : -amount;
      else if (!e.is_credit && e.custody === 'outbox') a.outboxHoldFen += amount;
    }
  }
}
