import type { Metadata } from 'next';
import Link from 'next/link';
import { DisclosureTable } from '../../../components/DisclosureFigures';
import { ApiErrorNotice } from '../../../components/Notice';
import { formatDate, formatDateTime } from '../../../i18n/format';
import { fmt } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { getDisclosure } from '../../../presenters/disclosures';

export async function generateMetadata({ params }: { params: Promise<{ yearMonth: string }> }): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: fmt(t.disclosurePages.monthTitle, { month: (await params).yearMonth }) };
}

export default async function DisclosureMonthPage({ params }: { params: Promise<{ yearMonth: string }> }) {
  const { yearMonth } = await params;
  const { t, locale } = await getDictionary();
  const d = t.disclosurePages;
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(yearMonth);
  const result = valid ? await getDisclosure(yearMonth) : null;
  return (
    <div className="stack">
      <p>
        <Link href="/disclosures">← {t.disclosures.title}</Link>
      </p>
      <h1>{fmt(d.monthTitle, { month: yearMonth })}</h1>
      {!result || (!result.ok && result.error.code === 'NOT_FOUND') ? (
        <p className="empty">{fmt(d.notFound, { month: yearMonth })}</p>
      ) : !result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : (
        <>
          <p className="muted">
            {fmt(d.asOf, { date: formatDate(locale, result.data.asOfDate) })} · {fmt(d.dueBy, { date: formatDate(locale, result.data.dueBy) })} ·{' '}
            {fmt(d.computedAt, { time: formatDateTime(locale, result.data.computedAt) })}
          </p>
          <dl className="pairs">
            <dt>{d.snapshotId}</dt>
            <dd className="mono" data-testid="snapshot-id">{result.data.id}</dd>
            <dt>{d.contentHash}</dt>
            <dd className="mono" data-testid="content-hash">{result.data.contentHash}</dd>
          </dl>
          <p className="muted">{fmt(d.hashNote, { month: yearMonth })}</p>
          <DisclosureTable figures={result.data.content.figures} t={t} locale={locale} />
          {result.data.content.feeSchedule ? (
            <section className="card" aria-labelledby="fee-title">
              <h2 id="fee-title">{fmt(d.feeSchedule, { v: result.data.content.feeSchedule.version, date: formatDate(locale, result.data.content.feeSchedule.effectiveFrom) })}</h2>
              <p style={{ whiteSpace: 'pre-wrap' }}>{result.data.content.feeSchedule.text}</p>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
