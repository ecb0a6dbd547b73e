import { marketplaceConfig } from '../lending/marketplace/config';
import { FORBIDDEN_PHRASES } from '../lending/marketplace/lint-listing-text';
import type { ComplianceCheck } from './check-types';
import { count, noneFound, sql } from './sql-helpers';

export const marketplaceChecks: ComplianceCheck[] = [
  {
    id: 'fundraising-window',
    requirement: '12',
    title: 'Fundraising windows are at most 20 business days; expired listings hold no money',
    run: async ({ db }) => {
      const days = marketplaceConfig().fundraisingBusinessDays;
      if (days > 20) return { status: 'fail', evidence: `configured window ${days} business days` };
      const result = await noneFound(
        db,
        sql`SELECT count(*) AS n FROM listings l WHERE l.status IN ('expired', 'cancelled') AND EXISTS (SELECT 1 FROM bids b WHERE b.listing_id = l.id AND b.status = 'held')`,
        sql`SELECT count(*) AS n FROM listings WHERE status IN ('expired', 'cancelled')`,
        'closed listings',
      );
      return { ...result, evidence: `window ${days} business days; ${result.evidence}` };
    },
  },
  {
    id: 'listing-disclosures',
    requirement: '13',
    title: 'Every listing was published with its mandatory disclosures',
    run: ({ db }) =>
      noneFound(
        db,
        // Item 13: borrower type, industry, income and debts, overdue records, other platforms;
        // project name, amount, term, purpose, repayment method, rate, start, source; risk assessment.
        sql`SELECT count(*) AS n FROM listings WHERE disclosures IS NULL OR disclosures_hash IS NULL
              OR NOT (coalesce(disclosures->'borrower', '{}') ?& array['type', 'industry', 'monthlyIncome', 'monthlyDebtPayments', 'overdueRecordsLast6Months', 'otherPlatformBorrowings'])
              OR NOT (coalesce(disclosures->'project', '{}') ?& array['name', 'amount', 'termMonths', 'purpose', 'repaymentMethod', 'annualRate', 'startDate', 'repaymentSource'])
              OR NOT (disclosures ? 'riskAssessment')`,
        sql`SELECT count(*) AS n FROM listings`,
        'listings',
      ),
  },
  {
    id: 'text-linter',
    requirement: '14',
    title: 'Listing and marketing text is linted for promises of principal or interest',
    run: async () => {
      const required = ['保本', '保息', '零风险', '刚性兑付', '100%安全', '银行担保', '存管银行保障'];
      const missing = required.filter((p) => !FORBIDDEN_PHRASES.some((f) => f.includes(p) || p.includes(f)));
      return missing.length === 0 ? { status: 'pass', evidence: `${FORBIDDEN_PHRASES.length} forbidden phrases configured, including all of item 14` } : { status: 'fail', evidence: `linter lacks: ${missing.join(', ')}` };
    },
  },
  {
    id: 'risk-assessment-before-bid',
    requirement: '15',
    title: 'No bid from an investor without a completed risk assessment',
    run: ({ db }) =>
      noneFound(
        db,
        sql`SELECT count(*) AS n FROM bids b LEFT JOIN investor_profiles p ON p.user_id = b.investor_id WHERE p.user_id IS NULL OR p.assessed_at > b.created_at`,
        sql`SELECT count(*) AS n FROM bids`,
        'bids',
      ),
  },
  {
    id: 'disclosures-opened',
    requirement: '16',
    title: 'Every hand-placed bid came after the investor opened that listing’s disclosures',
    run: ({ db }) =>
      noneFound(
        db,
        sql`SELECT count(*) AS n FROM bids b WHERE b.source = 'manual' AND NOT EXISTS (SELECT 1 FROM disclosure_openings o WHERE o.listing_id = b.listing_id AND o.investor_id = b.investor_id AND o.opened_at <= b.created_at)`,
        sql`SELECT count(*) AS n FROM bids WHERE source = 'manual'`,
        'manual bids',
      ),
  },
  {
    id: 'mandates',
    requirement: '17',
    title: 'Every auto-invest bid lies inside its mandate',
    run: ({ db }) =>
      noneFound(
        db,
        sql`SELECT count(*) AS n FROM bids b JOIN auto_invest_mandates m ON m.id = b.mandate_id JOIN listings l ON l.id = b.listing_id
             WHERE b.source = 'auto' AND (b.amount_fen > m.amount_per_loan_fen OR l.apr_bps < m.min_apr_bps OR NOT (m.terms_months @> to_jsonb(l.term_months))
                OR NOT (m.grades @> to_jsonb(l.grade) OR m.grades @> to_jsonb(left(l.grade, 1))))`,
        sql`SELECT count(*) AS n FROM bids WHERE source = 'auto'`,
        'auto-invest bids',
      ),
  },
  {
    id: 'no-pooling',
    requirement: '18',
    title: 'No term splitting or pooled products: each holding is a share of one loan for its full term',
    run: async ({ db }) => {
      const holdings = await count(db, sql`SELECT count(*) AS n FROM loan_holdings`);
      const mismatched = await count(db, sql`SELECT count(*) AS n FROM loan_holdings h JOIN loans l ON l.id = h.loan_id
        WHERE h.principal_fen <> (SELECT coalesce(sum(b.amount_fen), 0) FROM bids b WHERE b.listing_id = l.listing_id AND b.investor_id = h.investor_id AND b.status = 'posted')`);
      return mismatched === 0 ? { status: 'pass', evidence: `${holdings} holdings, each equal to the investor's posted bids on that loan; no transfer or pooling exists` } : { status: 'fail', evidence: `${mismatched} holdings differ from their bids` };
    },
  },
];
