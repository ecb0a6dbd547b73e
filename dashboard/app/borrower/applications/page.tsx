import type { Metadata } from 'next';
import Link from 'next/link';
import { OutcomeBadge } from '../../../components/DecisionResult';
import { ApiErrorNotice, Forbidden } from '../../../components/Notice';
import { formatDateTime, formatYuan } from '../../../i18n/format';
import { getDictionary } from '../../../i18n/server';
import { listMyApplications } from '../../../presenters/borrower';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.applicationsTitle };
}

export default async function MyApplicationsPage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/borrower/applications', ['borrower']);
  if (!allowed) return <Forbidden t={t} />;
  const result = await listMyApplications();
  return (
    <div className="stack narrow">
      <h1>{t.pages.applicationsTitle}</h1>
      <p className="lead">{t.pages.applicationsIntro}</p>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <div className="empty">
          <p>{t.applications.empty}</p>
          <Link href="/borrower/apply" className="button">
            {t.applications.applyNow}
          </Link>
        </div>
      ) : (
        <ul className="app-list">
          {result.data.items.map((app) => (
            <li key={app.id} className="app-item" data-testid="application">
              <div className="row">
                <strong>{formatYuan(locale, app.requestedAmount)} · {t.apply.months.replace('{n}', String(app.termMonths))}</strong>
                <OutcomeBadge outcome={app.outcome} a={t.apply} />
              </div>
              {app.apr ? (
                <div>
                  <span className="apr">{app.apr}%</span> <span className="muted">{t.apply.apr}</span>
                </div>
              ) : null}
              <div className="row muted">
                <span>
                  {t.apply.grade}: {app.grade ?? '—'}
                  {app.outcome === 'approved' || app.outcome === 'counter_offer' ? ` · ${t.apply.offeredAmount}: ${formatYuan(locale, app.offeredAmount)}` : ''}
                </span>
                <span>{formatDateTime(locale, app.decidedAt)}</span>
              </div>
              <Link href={`/borrower/applications/${app.id}`}>
                {t.applications.details}
                <span className="visually-hidden"> {app.id}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
