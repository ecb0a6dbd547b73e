import type { Dictionary, Locale } from '../i18n/locale';
import { formatYuan } from '../i18n/format';

export interface DecisionLike {
  outcome: string;
  grade: string | null;
  limit: string;
  offeredAmount: string;
  requestedAmount: string;
  termMonths: number;
  apr: string | null;
  nominalRate: string | null;
  upfrontFee: string | null;
  reasons: Array<{ code: string; message: { zh: string; en: string } }>;
}

const outcomeBadge: Record<string, string> = { approved: 'badge-ok', counter_offer: 'badge-info', referred: 'badge-warn', declined: 'badge-bad' };

export function OutcomeBadge({ outcome, a }: { outcome: string; a: Dictionary['apply'] }) {
  return <span className={`badge ${outcomeBadge[outcome] ?? 'badge-info'}`}>{a.outcome[outcome] ?? outcome}</span>;
}

/**
 * A decision as the borrower sees it: the outcome in words, the IRR-based annual rate as the
 * largest figure, then grade, amounts and fee; the reasons when there are any.
 */
export function DecisionResult({ decision, a, locale, headingId, headingLevel = 2 }: { decision: DecisionLike; a: Dictionary['apply']; locale: Locale; headingId?: string; headingLevel?: 2 | 3 }) {
  const offered = decision.outcome === 'approved' || decision.outcome === 'counter_offer';
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card decision" aria-labelledby={headingId} data-testid="decision" data-outcome={decision.outcome}>
      <Heading id={headingId} tabIndex={-1}>
        {a.resultTitle}: <OutcomeBadge outcome={decision.outcome} a={a} />
      </Heading>
      <p>{a.outcomeBody[decision.outcome]}</p>
      {offered ? (
        <dl className="figures">
          <div className="figure figure-primary" data-testid="decision-apr">
            <dt>{a.apr}</dt>
            <dd>{decision.apr ? `${decision.apr}%` : '—'}</dd>
          </div>
          <div className="figure" data-testid="decision-offered">
            <dt>{a.offeredAmount}</dt>
            <dd>{formatYuan(locale, decision.offeredAmount)}</dd>
          </div>
          <div className="figure" data-testid="decision-grade">
            <dt>{a.grade}</dt>
            <dd>{decision.grade ?? '—'}</dd>
          </div>
          <div className="figure" data-testid="decision-limit">
            <dt>{a.limit}</dt>
            <dd>{formatYuan(locale, decision.limit)}</dd>
          </div>
          <div className="figure">
            <dt>{a.term}</dt>
            <dd>{a.months.replace('{n}', String(decision.termMonths))}</dd>
          </div>
          <div className="figure">
            <dt>{a.nominalRate}</dt>
            <dd>{decision.nominalRate ? `${decision.nominalRate}%` : '—'}</dd>
          </div>
          <div className="figure">
            <dt>{a.upfrontFee}</dt>
            <dd>{formatYuan(locale, decision.upfrontFee)}</dd>
          </div>
        </dl>
      ) : decision.grade ? (
        <p className="muted">
          {a.grade}: {decision.grade}
        </p>
      ) : null}
      {decision.reasons.length > 0 ? (
        <>
          <h3>{a.reasons}</h3>
          <ol className="reasons" data-testid="decision-reasons">
            {decision.reasons.map((reason) => (
              <li key={reason.code}>
                {reason.message[locale] ?? reason.message.zh} <span className="muted mono">({reason.code})</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {offered ? (
        <p className="muted">
          {a.requestedAmount}: {formatYuan(locale, decision.requestedAmount)}
        </p>
      ) : null}
    </section>
  );
}
