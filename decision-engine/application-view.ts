import { toYuanString } from '../kernel/money';
import type { DecisionRow } from './decision-chain';
import type { Reason } from './decide';

export interface ApplicationDecisionView {
  id: string;
  outcome: DecisionRow['outcome'];
  grade: string | null;
  limit: string;
  offeredAmount: string;
  requestedAmount: string;
  termMonths: number;
  repaymentMethod: string;
  /** IRR-based annualised rate incl. all charges, percent with two decimals (the most prominent rate). */
  apr: string | null;
  aprBps: number | null;
  nominalRate: string | null;
  upfrontFee: string | null;
  reasons: Array<{ code: string; message: { zh: string; en: string } }>;
  decisionId: string;
  decisionKind: DecisionRow['kind'];
  decidedAt: string;
}

const pct = (bps: number | null) => (bps === null ? null : (bps / 100).toFixed(2));

export function applicationView(app: { id: string; amountFen: bigint; termMonths: number; repaymentMethod: string }, d: DecisionRow): ApplicationDecisionView {
  return {
    id: app.id,
    outcome: d.outcome,
    grade: d.grade,
    limit: toYuanString(d.limitFen),
    offeredAmount: toYuanString(d.offeredAmountFen),
    requestedAmount: toYuanString(app.amountFen),
    termMonths: app.termMonths,
    repaymentMethod: app.repaymentMethod,
    apr: pct(d.aprBps),
    aprBps: d.aprBps,
    nominalRate: pct(d.nominalRateBps),
    upfrontFee: d.upfrontFeeFen === null ? null : toYuanString(d.upfrontFeeFen),
    reasons: (d.reasons as Reason[]).map((r) => ({ code: r.code, message: r.message })),
    decisionId: d.id,
    decisionKind: d.kind,
    decidedAt: d.decidedAt.toISOString(),
  };
}
