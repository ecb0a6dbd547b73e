import type { Metadata } from 'next';
import Link from 'next/link';
import { OutcomeBadge } from '../../../components/DecisionResult';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { ReviewDecisionForm } from '../../../components/ReviewDecisionForm';
import { formatDateTime, formatPercent, formatYuan } from '../../../i18n/format';
import { errorMessages } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { requireUser } from '../../../presenters/guard';
import { listReviews } from '../../../presenters/reviews';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.reviewsTitle };
}

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { t, locale } = await getDictionary();
  const { allowed, me } = await requireUser('/analyst/reviews', ['analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const status = (await searchParams).status === 'decided' ? 'decided' : 'open';
  const result = await listReviews(status);
  const rv = t.reviews;
  return (
    <div className="stack">
      <h1>{t.pages.reviewsTitle}</h1>
      <p className="lead">{t.pages.reviewsIntro}</p>
      <nav className="row" aria-label={t.pages.reviewsTitle}>
        <Link href="/analyst/reviews" aria-current={status === 'open' ? 'page' : undefined} className={`button button-small ${status === 'open' ? '' : 'button-ghost'}`}>
          {rv.open}
        </Link>
        <Link href="/analyst/reviews?status=decided" aria-current={status === 'decided' ? 'page' : undefined} className={`button button-small ${status === 'decided' ? '' : 'button-ghost'}`}>
          {rv.decided}
        </Link>
      </nav>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{rv.empty}</Empty>
      ) : (
        <ul className="app-list">
          {result.data.items.map((item) => (
            <li key={item.id} className="app-item" data-testid="review">
              <div className="row">
                <strong>
                  {rv.kind[item.kind] ?? item.kind} · {formatYuan(locale, item.requestedAmount)} · {t.apply.months.replace('{n}', String(item.termMonths))}
                </strong>
                <span className="muted">{formatDateTime(locale, item.createdAt)}</span>
              </div>
              <div className="row">
                <span>
                  {rv.automatedOutcome}: <OutcomeBadge outcome={item.automatedOutcome} a={t.apply} />
                </span>
                <span>
                  {t.apply.grade}: {item.grade ?? '—'}
                </span>
                <span>
                  {rv.pd}: {formatPercent(item.pd, 2)}
                </span>
                <span>
                  {t.apply.purpose}: {t.apply.purposes[item.purpose] ?? item.purpose}
                </span>
              </div>
              {item.reasons.length > 0 ? (
                <ul className="reasons">
                  {item.reasons.map((reason) => (
                    <li key={reason.code}>{reason.message[locale]}</li>
                  ))}
                </ul>
              ) : null}
              {item.requestNote ? (
                <p>
                  <strong>{rv.requestNote}:</strong> {item.requestNote}
                </p>
              ) : null}
              <p className="muted">
                {rv.application}: <Link href={`/borrower/applications/${item.applicationId}`} className="mono">{item.applicationId}</Link>
              </p>
              {item.status === 'open' && me.roles.includes('analyst') ? (
                <details>
                  <summary>{rv.decide}</summary>
                  <ReviewDecisionForm reviewId={item.id} rv={rv} outcomes={t.apply.outcome} errors={errorMessages(t)} />
                </details>
              ) : item.outcome ? (
                <p>
                  {rv.outcome}: <OutcomeBadge outcome={item.outcome} a={t.apply} /> {item.note ? `— ${item.note}` : ''}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
