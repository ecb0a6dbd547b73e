import type { Metadata } from 'next';
import { DecisionResult } from '../../../../components/DecisionResult';
import { ExplanationRequest } from '../../../../components/ExplanationRequest';
import { CreateListingForm } from '../../../../components/LendingActions';
import { ApiErrorNotice, Forbidden } from '../../../../components/Notice';
import { formatDateTime } from '../../../../i18n/format';
import { errorMessages } from '../../../../i18n/locale';
import { getDictionary } from '../../../../i18n/server';
import { getApplication } from '../../../../presenters/borrower';
import { requireUser } from '../../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.applications.detailTitle };
}

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { t, locale } = await getDictionary();
  const { me, allowed } = await requireUser(`/borrower/applications/${id}`, ['borrower', 'analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const result = await getApplication(id);
  return (
    <div className="stack narrow">
      <h1>{t.applications.detailTitle}</h1>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : (
        <>
          <p className="muted">
            {t.applications.id}: <span className="mono">{result.data.id}</span> · {t.applications.kinds[result.data.decisionKind] ?? result.data.decisionKind} ·{' '}
            {formatDateTime(locale, result.data.decidedAt)}
          </p>
          <DecisionResult decision={result.data} a={t.apply} locale={locale} headingId="decision-heading" />
          {(result.data.outcome === 'approved' || result.data.outcome === 'counter_offer') && me.roles.includes('borrower') ? (
            <section className="card" aria-labelledby="offer-heading" data-testid="accept-offer">
              <h2 id="offer-heading">{t.offer.title}</h2>
              <p>{t.offer.intro}</p>
              <CreateListingForm applicationId={result.data.id} o={t.offer} errors={errorMessages(t)} />
            </section>
          ) : null}
          {result.data.decisionKind === 'automated' ? (
            <section className="card" aria-labelledby="explain-title">
              <h2 id="explain-title">{t.applications.explainTitle}</h2>
              <p>{t.applications.explainIntro}</p>
              <ExplanationRequest applicationId={result.data.id} labels={t.applications} errors={errorMessages(t)} locale={locale} />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
