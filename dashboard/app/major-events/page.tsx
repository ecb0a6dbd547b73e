import type { Metadata } from 'next';
import { ApiErrorNotice, Empty } from '../../components/Notice';
import { formatDateTime } from '../../i18n/format';
import { getDictionary } from '../../i18n/server';
import { listMajorEvents } from '../../presenters/disclosures';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.disclosurePages.events };
}

export default async function MajorEventsPage() {
  const { t, locale } = await getDictionary();
  const d = t.disclosurePages;
  const result = await listMajorEvents();
  return (
    <div className="stack narrow">
      <h1>{d.events}</h1>
      <p className="lead">{d.eventsIntro}</p>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{d.eventsEmpty}</Empty>
      ) : (
        <ul className="app-list" data-testid="major-events">
          {result.data.items.map((e) => (
            <li key={e.id} className="app-item">
              <div className="row">
                <h2 style={{ margin: 0, fontSize: '1.1rem' }}>{e.title}</h2>
                <span className={`badge ${!e.publishedAt ? 'badge-warn' : e.publishedLate ? 'badge-bad' : 'badge-ok'}`}>{!e.publishedAt ? d.unpublished : e.publishedLate ? d.late : d.onTime}</span>
              </div>
              <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.body}</p>
              <p className="muted" style={{ margin: 0 }}>
                {d.occurredAt} {formatDateTime(locale, e.occurredAt)} · {d.publishBy} {formatDateTime(locale, e.publishBy)} · {d.publishedAt} {formatDateTime(locale, e.publishedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
