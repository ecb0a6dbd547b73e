import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

export interface LedgerVerification {
  ok: boolean;
  transfers: number;
  entries: number;
  /** Transfers whose posted or pending debits differ from their credits (first 10 ids). */
  unbalancedTransfers: string[];
  unbalancedCount: number;
  /** Entries pointing at no transfer, or transfers without entries. */
  orphanCount: number;
  totals: { debitsPostedFen: bigint; creditsPostedFen: bigint; debitsPendingFen: bigint; creditsPendingFen: bigint };
  /** Accounts whose stored balances differ from the balances rebuilt from entries (first 10). */
  accountMismatches: Array<{ accountId: string; account: string; stored: string; rebuilt: string }>;
  accountMismatchCount: number;
  /** Accounts whose balances break their own flags (impossible while the CHECKs hold). */
  flagViolations: number;
}

/**
 * Rebuilds every balance from the entries and checks debits = credits per transfer and in
 * total. All aggregation happens in Postgres (two sequential scans of the entries), which is
 * what keeps it within seconds for millions of entries.
 */
export async function verifyLedger(db: DbOrTx): Promise<LedgerVerification> {
  return db.transaction(async (tx) => {
    // Hash aggregation over ~10^6 transfers spills to disk with the default 4 MB.
    await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
    const perTransfer = await tx.execute(sql`
      WITH t AS (
        SELECT transfer_id,
               coalesce(sum(amount_fen) FILTER (WHERE NOT is_credit AND NOT is_pending), 0) AS dpost,
               coalesce(sum(amount_fen) FILTER (WHERE is_credit AND NOT is_pending), 0) AS cpost,
               coalesce(sum(amount_fen) FILTER (WHERE NOT is_credit AND is_pending), 0) AS dpend,
               coalesce(sum(amount_fen) FILTER (WHERE is_credit AND is_pending), 0) AS cpend,
               count(*) AS n
          FROM ledger_entries GROUP BY transfer_id
      )
      SELECT count(*)::bigint AS transfers_with_entries,
             coalesce(sum(n), 0)::bigint AS entries,
             count(*) FILTER (WHERE dpost <> cpost OR dpend <> cpend)::bigint AS unbalanced,
             (array_agg(transfer_id) FILTER (WHERE dpost <> cpost OR dpend <> cpend))[1:10] AS examples,
             coalesce(sum(dpost), 0)::bigint AS dpost, coalesce(sum(cpost), 0)::bigint AS cpost,
             coalesce(sum(dpend), 0)::bigint AS dpend, coalesce(sum(cpend), 0)::bigint AS cpend,
             (SELECT count(*) FROM ledger_transfers)::bigint AS transfers
        FROM t`);
    const p = perTransfer.rows[0] as Record<string, bigint | string[] | null>;
    const perAccount = await tx.execute(sql`
      WITH e AS (
        SELECT account_id,
               coalesce(sum(amount_fen) FILTER (WHERE NOT is_credit AND NOT is_pending), 0) AS dpost,
               coalesce(sum(amount_fen) FILTER (WHERE is_credit AND NOT is_pending), 0) AS cpost,
               coalesce(sum(amount_fen) FILTER (WHERE NOT is_credit AND is_pending), 0) AS dpend,
               coalesce(sum(amount_fen) FILTER (WHERE is_credit AND is_pending), 0) AS cpend
          FROM ledger_entries GROUP BY account_id
      )
      SELECT a.id::text AS account_id, a.owner_kind || ':' || a.owner_id || ':' || a.purpose AS account,
             format('%s/%s/%s/%s', a.debits_posted_fen, a.credits_posted_fen, a.debits_pending_fen, a.credits_pending_fen) AS stored,
             format('%s/%s/%s/%s', coalesce(e.dpost, 0), coalesce(e.cpost, 0), coalesce(e.dpend, 0), coalesce(e.cpend, 0)) AS rebuilt,
             ((a.debits_must_not_exceed_credits AND a.debits_posted_fen + a.debits_pending_fen > a.credits_posted_fen)
               OR (a.credits_must_not_exceed_debits AND a.credits_posted_fen + a.credits_pending_fen > a.debits_posted_fen)) AS flag_violation
        FROM ledger_accounts a FULL JOIN e ON e.account_id = a.id
       WHERE a.id IS NULL
          OR a.debits_posted_fen <> coalesce(e.dpost, 0) OR a.credits_posted_fen <> coalesce(e.cpost, 0)
          OR a.debits_pending_fen <> coalesce(e.dpend, 0) OR a.credits_pending_fen <> coalesce(e.cpend, 0)
          OR (a.debits_must_not_exceed_credits AND a.debits_posted_fen + a.debits_pending_fen > a.credits_posted_fen)
          OR (a.credits_must_not_exceed_debits AND a.credits_posted_fen + a.credits_pending_fen > a.debits_posted_fen)`);
    const accountRows = perAccount.rows as Array<{ account_id: string | null; account: string | null; stored: string; rebuilt: string; flag_violation: boolean | null }>;
    const mismatches = accountRows.filter((r) => r.stored !== r.rebuilt || r.account_id === null);
    const totals = { debitsPostedFen: p.dpost as bigint, creditsPostedFen: p.cpost as bigint, debitsPendingFen: p.dpend as bigint, creditsPendingFen: p.cpend as bigint };
    const transfers = Number(p.transfers);
    const orphanCount = Math.abs(transfers - Number(p.transfers_with_entries));
    const unbalancedCount = Number(p.unbalanced);
    const flagViolations = accountRows.filter((r) => r.flag_violation).length;
    return {
      ok:
        unbalancedCount === 0 &&
        mismatches.length === 0 &&
        flagViolations === 0 &&
        orphanCount === 0 &&
        totals.debitsPostedFen === totals.creditsPostedFen &&
        totals.debitsPendingFen === totals.creditsPendingFen,
      transfers,
      entries: Number(p.entries),
      unbalancedTransfers: (p.examples as string[] | null) ?? [],
      unbalancedCount,
      orphanCount,
      totals,
      accountMismatches: mismatches.slice(0, 10).map((r) => ({ accountId: r.account_id ?? '(none)', account: r.account ?? '(entries for a missing account)', stored: r.stored, rebuilt: r.rebuilt })),
      accountMismatchCount: mismatches.length,
      flagViolations,
    };
  });
}
