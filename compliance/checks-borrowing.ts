import { publishedRuleSet } from '../rules/rule-sets-repo';
import { DEFAULT_DECISION_CONFIG } from '../decision-engine/policy-config';
import { rateCapBps } from '../decision-engine/rate-cap';
import { verifyDecisionChain } from '../decision-engine/decision-chain';
import { PROHIBITED_PURPOSES } from '../feature-store/application-input';
import type { ComplianceCheck } from './check-types';
import { count, noneFound, sql } from './sql-helpers';

export const borrowingChecks: ComplianceCheck[] = [
  {
    id: 'real-name',
    requirement: '1',
    title: 'Every applicant and bidder passed real-name verification',
    run: ({ db }) =>
      noneFound(
        db,
        sql`SELECT count(*) AS n FROM (SELECT borrower_id AS u FROM loan_applications UNION SELECT investor_id FROM bids) p
             WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.user_id = p.u AND i.status = 'verified')`,
        sql`SELECT count(*) AS n FROM (SELECT borrower_id FROM loan_applications UNION SELECT investor_id FROM bids) p`,
        'applicants and bidders',
      ),
  },
  {
    id: 'borrowing-caps-config',
    requirement: '2',
    title: 'Live policy enforces the borrowing caps (200k / 1M individual, 1M / 5M company)',
    run: async ({ db }) => {
      const live = await publishedRuleSet(db, 'policy', 'live');
      if (!live) return { status: 'fail', evidence: 'no live policy rule set is published' };
      const text = JSON.stringify(live.definition ?? live);
      const required = { '20000000': 'individual platform cap', '100000000': 'individual cross-platform / company platform cap', '500000000': 'company cross-platform cap' };
      const missing = Object.entries(required).filter(([fen]) => !text.includes(fen)).map(([, what]) => what);
      return missing.length === 0
        ? { status: 'pass', evidence: `live policy ${live.id} holds caps 200,000 / 1,000,000 / 5,000,000 CNY (fen values present)` }
        : { status: 'fail', evidence: `live policy ${live.id} lacks: ${missing.join(', ')}` };
    },
  },
  {
    id: 'borrowing-caps-books',
    requirement: '2',
    title: 'No individual owes more than 200,000 CNY and no company more than 1,000,000 CNY on the platform',
    run: ({ db }) =>
      noneFound(
        db,
        sql`SELECT count(*) AS n FROM (SELECT a.borrower_type, l.borrower_id, sum(l.principal_outstanding_fen) AS o FROM loans l
              JOIN loan_applications a ON a.id = l.application_id GROUP BY 1, 2) x
             WHERE (x.borrower_type = 'individual' AND x.o > 20000000) OR (x.borrower_type = 'company' AND x.o > 100000000)`,
        sql`SELECT count(DISTINCT borrower_id) AS n FROM loans`,
        'borrowers with loans',
      ),
  },
  {
    id: 'prohibited-purposes',
    requirement: '3',
    title: 'No loan or listing for a prohibited purpose; the live policy declines them',
    run: async ({ db }) => {
      const live = await publishedRuleSet(db, 'policy', 'live');
      const text = JSON.stringify(live ?? {});
      const unlisted = PROHIBITED_PURPOSES.filter((p) => !text.includes(p));
      const listed = await count(db, sql`SELECT count(*) AS n FROM listings WHERE purpose IN (${sql.join(PROHIBITED_PURPOSES.map((p) => sql`${p}`), sql`, `)})`);
      if (unlisted.length > 0) return { status: 'fail', evidence: `live policy does not name: ${unlisted.join(', ')}` };
      return listed === 0 ? { status: 'pass', evidence: `all ${PROHIBITED_PURPOSES.length} prohibited purposes declined by policy; 0 listings for them` } : { status: 'fail', evidence: `${listed} listings for a prohibited purpose` };
    },
  },
  {
    id: 'related-parties',
    requirement: '4',
    title: 'Related parties never borrow or lend through the platform (flagged and reported)',
    run: async ({ db }) => {
      const flagged = await count(db, sql`SELECT count(*) AS n FROM related_parties`);
      const active = await count(db, sql`SELECT count(*) AS n FROM loans l JOIN related_parties r ON r.user_id = l.borrower_id WHERE l.funded_at > r.recorded_at`);
      return active === 0 ? { status: 'pass', evidence: `${flagged} related parties recorded; none funded after being recorded` } : { status: 'fail', evidence: `${active} loans to related parties after they were recorded` };
    },
  },
  {
    id: 'rate-cap',
    requirement: '5',
    title: 'Every loan’s IRR-based rate (all charges) is within 4 × one-year LPR at its contract date, never above 36%',
    run: async ({ db, clock }) => {
      const capToday = rateCapBps(clock.now().toISOString().slice(0, 10), DEFAULT_DECISION_CONFIG.lprTable);
      const result = await noneFound(db, sql`SELECT count(*) AS n FROM loans WHERE apr_bps > rate_cap_bps OR rate_cap_bps > 3600`, sql`SELECT count(*) AS n FROM loans`, 'loans');
      return { ...result, evidence: `${result.evidence}; cap today ${(capToday / 100).toFixed(2)}% from an LPR table of ${DEFAULT_DECISION_CONFIG.lprTable.length} fixings` };
    },
  },
  {
    id: 'no-upfront-deduction',
    requirement: '6',
    title: 'The amount disbursed equals the contract principal; fees move separately',
    run: ({ db }) =>
      noneFound(db, sql`SELECT count(*) AS n FROM disbursements d JOIN loans l ON l.id = d.loan_id WHERE d.principal_fen <> l.principal_fen`, sql`SELECT count(*) AS n FROM disbursements`, 'disbursements'),
  },
  {
    id: 'specific-reasons',
    requirement: '8',
    title: 'Every decline and counter-offer carries 1–4 specific reasons',
    run: ({ db }) =>
      noneFound(
        db,
        sql`SELECT count(*) AS n FROM decisions WHERE outcome IN ('declined', 'counter_offer') AND (jsonb_array_length(reasons) NOT BETWEEN 1 AND 4)`,
        sql`SELECT count(*) AS n FROM decisions WHERE outcome IN ('declined', 'counter_offer')`,
        'adverse decisions',
      ),
  },
  {
    id: 'human-review',
    requirement: '9',
    title: 'Explanation and human re-decision requests are recorded with reviewer and outcome',
    run: async ({ db }) => {
      const open = await count(db, sql`SELECT count(*) AS n FROM manual_reviews WHERE kind = 'explanation_request' AND status = 'open'`);
      const done = await count(db, sql`SELECT count(*) AS n FROM manual_reviews WHERE kind = 'explanation_request' AND status = 'decided'`);
      return { status: 'info', evidence: `${done} requests decided (reviewer and outcome recorded), ${open} waiting in the queue` };
    },
  },
  {
    id: 'decision-chain',
    requirement: '10',
    title: 'Decision records form an intact hash chain in an append-only table (kept ≥ 5 years after maturity)',
    run: async ({ db }) => {
      const verification = await verifyDecisionChain(db);
      const triggers = await count(db, sql`SELECT count(*) AS n FROM pg_trigger WHERE tgname = 'decisions_append_only'`);
      if (triggers === 0) return { status: 'fail', evidence: 'the decisions table is not append-only' };
      return verification.ok ? { status: 'pass', evidence: `chain intact over ${JSON.stringify(verification).slice(0, 120)}; UPDATE/DELETE refused by trigger, so nothing ages out` } : { status: 'fail', evidence: JSON.stringify(verification).slice(0, 300) };
    },
  },
  {
    id: 'validated-models',
    requirement: '11',
    title: 'Only an approved champion model scores live traffic',
    run: async ({ db }) => {
      const champions = (await db.execute(sql`SELECT kind, status FROM model_versions WHERE role = 'champion'`)).rows as Array<{ kind: string; status: string }>;
      const bad = champions.filter((c) => c.status !== 'approved');
      if (champions.length === 0) return { status: 'info', evidence: 'no champion registered yet (registered at the first decision)' };
      return bad.length === 0 ? { status: 'pass', evidence: `champions: ${champions.map((c) => `${c.kind} (${c.status})`).join(', ')}` } : { status: 'fail', evidence: `unapproved champions: ${bad.map((c) => c.kind).join(', ')}` };
    },
  },
];
