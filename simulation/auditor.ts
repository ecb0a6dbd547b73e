import { jsonReplacer } from '../kernel/canonical-json';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { chinaMidnight, addDays } from '../kernel/calendar';
import { ledgerPositionsAt, verifyLedger, type CustodianBank } from '../ledger';
import type { DecisionModels } from '../decision-engine/decide';
import type { DecisionConfig } from '../decision-engine/policy-config';
import { replayDecision } from '../decision-engine/replay-decision';

/**
 * The independent checker run after every simulated day. It reads the books with plain SQL
 * (and the bank's own statement), never the use cases' own bookkeeping, and reports the first
 * invariant that does not hold.
 */
export interface AuditContext {
  db: Db;
  bank: CustodianBank;
  /** The models and policy the platform decides with now (the champion after any promotion). */
  replayRuntime: () => Promise<{ models: DecisionModels; config: DecisionConfig }>;
}

export class AuditBreach extends Error {
  constructor(readonly invariant: string, readonly evidence: unknown) {
    super(`invariant "${invariant}" broken: ${JSON.stringify(evidence, jsonReplacer).slice(0, 600)}`);
  }
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

export async function auditDay(ctx: AuditContext, businessDate: string): Promise<{ checks: number; replayed: number }> {
  const { db } = ctx;
  let checks = 0;
  const expectNone = async (invariant: string, query: ReturnType<typeof sql>) => {
    checks += 1;
    const found = await rows(db, query);
    if (found.length > 0) throw new AuditBreach(invariant, found.slice(0, 5));
  };

  const ledger = await verifyLedger(db);
  checks += 1;
  if (!ledger.ok) throw new AuditBreach('ledger balanced (debits = credits, balances rebuild from entries)', ledger);

  // Ledger = custodian, per sub-account, at the end of the business day.
  const cutoff = chinaMidnight(addDays(businessDate, 1));
  const [positions, statement] = await Promise.all([ledgerPositionsAt(db, cutoff), ctx.bank.dailyStatement(businessDate)]);
  const bank = new Map(statement.lines.map((l) => [l.accountNo, l]));
  checks += 1;
  for (const p of positions) {
    const b = bank.get(p.accountNo);
    if ((b?.closingBalanceFen ?? 0n) !== p.balanceFen || (b?.closingFrozenFen ?? 0n) !== p.frozenFen) {
      throw new AuditBreach('ledger = custodian bank', { accountNo: p.accountNo, ledger: p, bank: b ?? null });
    }
  }

  await expectNone('no listing over-funded; a live listing is funded by exactly its accepted bids', sql`
    SELECT l.id, l.status, l.amount_fen, l.funded_fen, coalesce(sum(b.amount_fen) FILTER (WHERE b.status IN ('held','posted')), 0) AS bids_fen
      FROM listings l LEFT JOIN bids b ON b.listing_id = l.id
     GROUP BY l.id
    HAVING l.funded_fen > l.amount_fen
        OR (l.status IN ('open', 'funded', 'disbursed') AND l.funded_fen <> coalesce(sum(b.amount_fen) FILTER (WHERE b.status IN ('held','posted')), 0))
        OR (l.status IN ('expired', 'cancelled') AND count(b.id) FILTER (WHERE b.status IN ('held','posted')) > 0)`);
  await expectNone('no listing disbursed twice', sql`
    SELECT listing_id, count(*) FROM loans GROUP BY listing_id HAVING count(*) > 1`);
  await expectNone('loan principal = funded amount of its listing', sql`
    SELECT lo.id FROM loans lo JOIN listings l ON l.id = lo.listing_id WHERE lo.principal_fen <> l.funded_fen`);
  await expectNone('holdings = posted bids of the listing', sql`
    SELECT lo.id FROM loans lo
      JOIN (SELECT loan_id, sum(principal_fen) AS p FROM loan_holdings GROUP BY loan_id) h ON h.loan_id = lo.id
     WHERE h.p <> lo.principal_fen`);
  await expectNone('each repayment distributed exactly to investors', sql`
    SELECT r.id FROM loan_repayments r
      LEFT JOIN (SELECT repayment_id, sum(principal_fen) AS p, sum(interest_fen) AS i FROM repayment_distributions GROUP BY repayment_id) d ON d.repayment_id = r.id
     WHERE r.principal_fen <> coalesce(d.p, 0) OR r.interest_fen <> coalesce(d.i, 0)`);
  await expectNone("every investor's receipts = their share of what was paid", sql`
    SELECT s.loan_id, s.investor_id FROM
      (SELECT loan_id, investor_id, sum(principal_paid_fen) AS p, sum(interest_paid_fen) AS i FROM installment_shares GROUP BY 1, 2) s
      FULL JOIN (SELECT loan_id, investor_id, sum(principal_fen) AS p, sum(interest_fen) AS i FROM repayment_distributions GROUP BY 1, 2) d
        ON d.loan_id = s.loan_id AND d.investor_id = s.investor_id
     WHERE coalesce(s.p, 0) <> coalesce(d.p, 0) OR coalesce(s.i, 0) <> coalesce(d.i, 0)`);
  await expectNone('no investor repaid more principal than they lent', sql`
    SELECT h.loan_id, h.investor_id FROM loan_holdings h
      JOIN (SELECT loan_id, investor_id, sum(principal_fen) AS p FROM repayment_distributions GROUP BY 1, 2) d USING (loan_id, investor_id)
     WHERE d.p > h.principal_fen`);
  await expectNone('no auto-invest bid outside its mandate', sql`
    SELECT b.id FROM bids b JOIN auto_invest_mandates m ON m.id = b.mandate_id JOIN listings l ON l.id = b.listing_id
     WHERE b.source = 'auto' AND (
           b.amount_fen > m.amount_per_loan_fen
        OR l.apr_bps < m.min_apr_bps
        OR NOT (m.terms_months @> to_jsonb(l.term_months))
        OR NOT (m.grades @> to_jsonb(l.grade) OR m.grades @> to_jsonb(left(l.grade, 1))))`);
  await expectNone('mandate budgets respected', sql`
    SELECT m.id FROM auto_invest_mandates m
      JOIN (SELECT mandate_id, sum(amount_fen) AS s FROM bids WHERE status IN ('held','posted') GROUP BY 1) b ON b.mandate_id = m.id
     WHERE b.s > m.total_budget_fen`);
  // Disclosure figures recomputed from the books with plain SQL.
  await expectNone('disclosure cumulative lending = Σ principal of loans started by T', sql`
    SELECT d.year_month FROM disclosure_snapshots d
     WHERE (d.content->'figures'->'cumulativeLendingFen'->>'value')::bigint <> (SELECT coalesce(sum(principal_fen), 0) FROM loans WHERE start_date <= d.as_of_date)
        OR (d.content->'figures'->'cumulativeLendingCount'->>'value')::bigint <> (SELECT count(*) FROM loans WHERE start_date <= d.as_of_date)
        OR (d.content->'figures'->'cumulativeBorrowers'->>'value')::bigint <> (SELECT count(DISTINCT borrower_id) FROM loans WHERE start_date <= d.as_of_date)`);

  // Decision records replay: today's, up to a handful.
  const today = await rows<{ id: string }>(db, sql`
    SELECT id FROM decisions WHERE kind = 'automated' AND decided_at >= ${chinaMidnight(businessDate)} AND decided_at < ${cutoff} ORDER BY seq DESC LIMIT 3`);
  const replayRuntime = today.length > 0 ? await ctx.replayRuntime() : undefined;
  for (const { id } of today) {
    const report = await replayDecision(db, id, replayRuntime!);
    checks += 1;
    if (!report.reproduced) throw new AuditBreach('decision records replay', report);
  }
  return { checks, replayed: today.length };
}
