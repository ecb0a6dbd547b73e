import { chinaCalendar, chinaDate, addDays, lastDayOfMonth, addMonths } from '../kernel/calendar';
import { hashCanonical } from '../kernel/canonical-json';
import { verifyLedger } from '../ledger';
import { DEFAULT_SERVICING_POLICY } from '../lending/servicing';
import type { ComplianceCheck } from './check-types';
import { count, noneFound, sql } from './sql-helpers';

export const moneyChecks: ComplianceCheck[] = [
  {
    id: 'no-pool-account',
    requirement: '19',
    title: 'The platform has no pool account; its own accounts are fee income and marketing only',
    run: async ({ db }) => {
      const pools = (await db.execute(sql`SELECT owner_id, purpose FROM ledger_accounts WHERE owner_kind = 'platform' AND purpose NOT IN ('fee', 'marketing')`)).rows;
      const ledger = await verifyLedger(db);
      if (pools.length > 0) return { status: 'fail', evidence: `platform accounts beyond fee/marketing: ${JSON.stringify(pools)}` };
      return ledger.ok ? { status: 'pass', evidence: 'platform accounts: fee, marketing; ledger balanced and rebuilt from entries' } : { status: 'fail', evidence: `ledger does not verify: ${JSON.stringify(ledger).slice(0, 200)}` };
    },
  },
  {
    id: 'debit-authorisation',
    requirement: '20',
    title: 'Deposits, withdrawals and fee payments carry the user’s authorisation',
    run: ({ db }) =>
      noneFound(
        db,
        sql`SELECT count(*) AS n FROM ledger_transfers WHERE kind IN ('deposit', 'withdrawal', 'fee') AND phase IN ('posted', 'pending') AND NOT (metadata ? 'authorisation')`,
        sql`SELECT count(*) AS n FROM ledger_transfers WHERE kind IN ('deposit', 'withdrawal', 'fee') AND phase IN ('posted', 'pending')`,
        'user debits',
      ),
  },
  {
    id: 'daily-reconciliation',
    requirement: '21',
    title: 'The ledger is reconciled with the custodian daily; an open mismatch freezes funding',
    run: async ({ db, clock }) => {
      const yesterday = addDays(chinaDate(clock.now()), -1);
      const open = await count(db, sql`SELECT count(*) AS n FROM reconciliation_incidents WHERE status = 'open'`);
      const [last] = (await db.execute(sql`SELECT max(business_date)::text AS d FROM reconciliation_runs`)).rows as Array<{ d: string | null }>;
      const firstMoney = (await db.execute(sql`SELECT min(created_at) AS t FROM ledger_transfers`)).rows[0] as { t: Date | null };
      if (!firstMoney?.t) return { status: 'info', evidence: 'no money has moved yet' };
      if (!last?.d || last.d < addDays(yesterday, -1)) return { status: 'fail', evidence: `last reconciliation ${last?.d ?? 'never'}; expected ${yesterday}` };
      return open === 0 ? { status: 'pass', evidence: `last reconciled ${last.d}; no open incidents` } : { status: 'pass', evidence: `last reconciled ${last.d}; ${open} open incident(s): new funding is frozen until resolved` };
    },
  },
  {
    id: 'pro-rata-split',
    requirement: '22',
    title: 'Repayments are split pro rata to the loan’s investors; the platform fee moves separately',
    run: ({ db }) =>
      noneFound(
        db,
        sql`SELECT count(*) AS n FROM loan_repayments r LEFT JOIN (SELECT repayment_id, sum(principal_fen) p, sum(interest_fen) i FROM repayment_distributions GROUP BY 1) d ON d.repayment_id = r.id
             WHERE r.principal_fen <> coalesce(d.p, 0) OR r.interest_fen <> coalesce(d.i, 0)`,
        sql`SELECT count(*) AS n FROM loan_repayments`,
        'repayments',
      ),
  },
  {
    id: 'no-platform-repayment',
    requirement: '23',
    title: 'The platform never repays for a borrower; only third-party guarantors compensate',
    run: ({ db }) =>
      noneFound(db, sql`SELECT count(*) AS n FROM loan_repayments WHERE payer_kind NOT IN ('borrower', 'guarantor')`, sql`SELECT count(*) AS n FROM loan_repayments`, 'repayments'),
  },
  {
    id: 'delinquency-late-charges',
    requirement: '24',
    title: 'Delinquency buckets as required; late charges keep the all-in rate within the cap',
    run: async ({ db }) => {
      const p = DEFAULT_SERVICING_POLICY;
      if (p.graceMaxDays !== 15 || p.late16To30MaxDays !== 30 || p.late31To90MaxDays !== 90) return { status: 'fail', evidence: `buckets ${p.graceMaxDays}/${p.late16To30MaxDays}/${p.late31To90MaxDays}` };
      const result = await noneFound(db, sql`SELECT count(*) AS n FROM loans WHERE annual_rate_bps + penalty_rate_bps > rate_cap_bps`, sql`SELECT count(*) AS n FROM loans`, 'loans');
      return { ...result, evidence: `buckets 1–15 / 16–30 / 31–90 / > 90; ${result.evidence}` };
    },
  },
  {
    id: 'collections-conduct',
    requirement: '25',
    title: 'No contact allowed 22:00–08:00; at most 3 answered calls per debtor per day',
    run: ({ db }) =>
      noneFound(
        db,
        sql`SELECT count(*) AS n FROM (
              SELECT id FROM collection_interactions WHERE refused_reason IS NULL AND (extract(hour FROM at AT TIME ZONE 'Asia/Shanghai') >= 22 OR extract(hour FROM at AT TIME ZONE 'Asia/Shanghai') < 8)
              UNION ALL
              SELECT min(id) FROM collection_interactions WHERE refused_reason IS NULL AND channel = 'call' AND outcome = 'answered' GROUP BY debtor_id, china_date HAVING count(*) > 3) x`,
        sql`SELECT count(*) AS n FROM collection_interactions`,
        'collection interactions',
      ),
  },
  {
    id: 'monthly-disclosures',
    requirement: 'disclosures',
    title: 'A disclosure snapshot exists for every month past its 5th-business-day deadline, and its hash verifies',
    run: async ({ db, clock }) => {
      const today = chinaDate(clock.now());
      const [first] = (await db.execute(sql`SELECT min(start_date)::text AS d FROM loans`)).rows as Array<{ d: string | null }>;
      if (!first?.d) return { status: 'info', evidence: 'no loans yet, nothing to disclose' };
      const missing: string[] = [];
      for (let month = first.d.slice(0, 7); lastDayOfMonth(month) < today; month = addMonths(`${month}-01`, 1).slice(0, 7)) {
        const due = chinaCalendar.nthBusinessDayOfMonth(addMonths(`${month}-01`, 1).slice(0, 7), 5);
        if (due >= today) continue;
        if ((await count(db, sql`SELECT count(*) AS n FROM disclosure_snapshots WHERE year_month = ${month}`)) === 0) missing.push(month);
      }
      if (missing.length > 0) return { status: 'fail', evidence: `overdue snapshots: ${missing.join(', ')}` };
      const snapshots = (await db.execute(sql`SELECT year_month, content, content_hash FROM disclosure_snapshots`)).rows as Array<{ year_month: string; content: unknown; content_hash: string }>;
      const tampered = snapshots.filter((row) => hashCanonical(row.content) !== row.content_hash).map((row) => row.year_month);
      return tampered.length === 0
        ? { status: 'pass', evidence: `every month since ${first.d.slice(0, 7)} past its deadline is published; ${snapshots.length} snapshot hashes verify` }
        : { status: 'fail', evidence: `snapshot content does not match its hash: ${tampered.join(', ')}` };
    },
  },
];
