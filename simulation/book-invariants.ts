import { sql } from 'drizzle-orm';
import type { Query } from './audit-breach';

/**
 * The book invariants as plain SQL over the tables (never the use cases' own bookkeeping), each
 * returning the rows that break it. A scope narrows a check to some ids (the daily incremental
 * audit: what changed since the last one); no scope checks every row (the full audit).
 */
export interface Scope {
  listingIds?: string[];
  loanIds?: string[];
  repaymentIds?: string[];
  bidIds?: string[];
  mandateIds?: string[];
}

/** One text[] parameter, sent as JSON (drizzle would spread a JS array into a parameter list). */
export const textArray = (ids: readonly string[]): Query => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

const within = (column: string, ids: string[] | undefined): Query => (ids === undefined ? sql`TRUE` : sql`${sql.raw(column)} = ANY(${textArray(ids)})`);

export interface Invariant {
  name: string;
  query: (scope: Scope) => Query;
}

export const BOOK_INVARIANTS: Invariant[] = [
  {
    name: 'no listing over-funded; a live listing is funded by exactly its accepted bids',
    query: (s) => sql`
      SELECT l.id, l.status, l.amount_fen, l.funded_fen, coalesce(sum(b.amount_fen) FILTER (WHERE b.status IN ('held','posted')), 0) AS bids_fen
        FROM listings l LEFT JOIN bids b ON b.listing_id = l.id
       WHERE ${within('l.id', s.listingIds)}
       GROUP BY l.id
      HAVING l.funded_fen > l.amount_fen
          OR (l.status IN ('open', 'funded', 'disbursed') AND l.funded_fen <> coalesce(sum(b.amount_fen) FILTER (WHERE b.status IN ('held','posted')), 0))
          OR (l.status IN ('expired', 'cancelled') AND count(b.id) FILTER (WHERE b.status IN ('held','posted')) > 0)`,
  },
  // Loans are few (one per funded listing): these two always read every loan.
  { name: 'no listing disbursed twice', query: () => sql`SELECT listing_id, count(*) FROM loans GROUP BY listing_id HAVING count(*) > 1` },
  { name: 'loan principal = funded amount of its listing', query: () => sql`SELECT lo.id FROM loans lo JOIN listings l ON l.id = lo.listing_id WHERE lo.principal_fen <> l.funded_fen` },
  {
    name: 'holdings = posted bids of the listing',
    query: (s) => sql`
      SELECT lo.id FROM loans lo
        JOIN (SELECT loan_id, sum(principal_fen) AS p FROM loan_holdings WHERE ${within('loan_id', s.loanIds)} GROUP BY loan_id) h ON h.loan_id = lo.id
       WHERE h.p <> lo.principal_fen AND ${within('lo.id', s.loanIds)}`,
  },
  {
    name: 'each repayment distributed exactly to investors',
    query: (s) => sql`
      SELECT r.id FROM loan_repayments r
        LEFT JOIN (SELECT repayment_id, sum(principal_fen) AS p, sum(interest_fen) AS i FROM repayment_distributions
                    WHERE ${within('repayment_id', s.repaymentIds)} GROUP BY repayment_id) d ON d.repayment_id = r.id
       WHERE (r.principal_fen <> coalesce(d.p, 0) OR r.interest_fen <> coalesce(d.i, 0)) AND ${within('r.id', s.repaymentIds)}`,
  },
  {
    name: "every investor's receipts = their share of what was paid",
    query: (s) => sql`
      SELECT s.loan_id, s.investor_id FROM
        (SELECT loan_id, investor_id, sum(principal_paid_fen) AS p, sum(interest_paid_fen) AS i FROM installment_shares
          WHERE ${within('loan_id', s.loanIds)} GROUP BY 1, 2) s
        FULL JOIN (${distributionsByHolding(s)}) d ON d.loan_id = s.loan_id AND d.investor_id = s.investor_id
       WHERE coalesce(s.p, 0) <> coalesce(d.p, 0) OR coalesce(s.i, 0) <> coalesce(d.i, 0)`,
  },
  {
    name: 'no investor repaid more principal than they lent',
    query: (s) => sql`
      SELECT h.loan_id, h.investor_id FROM loan_holdings h
        JOIN (${distributionsByHolding(s)}) d USING (loan_id, investor_id)
       WHERE d.p > h.principal_fen AND ${within('h.loan_id', s.loanIds)}`,
  },
  {
    name: 'no auto-invest bid outside its mandate',
    query: (s) => sql`
      SELECT b.id FROM bids b JOIN auto_invest_mandates m ON m.id = b.mandate_id JOIN listings l ON l.id = b.listing_id
       WHERE b.source = 'auto' AND ${within('b.id', s.bidIds)} AND (
             b.amount_fen > m.amount_per_loan_fen
          OR l.apr_bps < m.min_apr_bps
          OR NOT (m.terms_months @> to_jsonb(l.term_months))
          OR NOT (m.grades @> to_jsonb(l.grade) OR m.grades @> to_jsonb(left(l.grade, 1))))`,
  },
  {
    name: 'mandate budgets respected',
    query: (s) => sql`
      SELECT m.id FROM auto_invest_mandates m
        JOIN (SELECT mandate_id, sum(amount_fen) AS s FROM bids WHERE status IN ('held','posted') AND ${within('mandate_id', s.mandateIds)} GROUP BY 1) b ON b.mandate_id = m.id
       WHERE b.s > m.total_budget_fen`,
  },
  // Disclosure figures recomputed from the books with plain SQL (a handful of snapshots: always all).
  {
    name: 'disclosure cumulative lending = Σ principal of loans started by T',
    query: () => sql`
      SELECT d.year_month FROM disclosure_snapshots d
       WHERE (d.content->'figures'->'cumulativeLendingFen'->>'value')::bigint <> (SELECT coalesce(sum(principal_fen), 0) FROM loans WHERE start_date <= d.as_of_date)
          OR (d.content->'figures'->'cumulativeLendingCount'->>'value')::bigint <> (SELECT count(*) FROM loans WHERE start_date <= d.as_of_date)
          OR (d.content->'figures'->'cumulativeBorrowers'->>'value')::bigint <> (SELECT count(DISTINCT borrower_id) FROM loans WHERE start_date <= d.as_of_date)`,
  },
];

/**
 * What each investor received per loan. Scoped, distributions are reached through the loans'
 * repayments (indexed by loan), then each repayment's own (its primary key): OFFSET 0 keeps the
 * planner from flattening that into a scan of every distribution tested against the scope.
 */
function distributionsByHolding(s: Scope): Query {
  if (s.loanIds === undefined) {
    return sql`SELECT loan_id, investor_id, sum(principal_fen) AS p, sum(interest_fen) AS i FROM repayment_distributions GROUP BY 1, 2`;
  }
  return sql`
    SELECT d.loan_id, d.investor_id, sum(d.principal_fen) AS p, sum(d.interest_fen) AS i
      FROM loan_repayments r
     CROSS JOIN LATERAL (SELECT loan_id, investor_id, principal_fen, interest_fen FROM repayment_distributions WHERE repayment_id = r.id OFFSET 0) d
     WHERE r.loan_id = ANY(${textArray(s.loanIds)})
     GROUP BY 1, 2`;
}
