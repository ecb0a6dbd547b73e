import type { Metadata } from 'next';
import Link from 'next/link';
import { LineSeriesChart } from '../../components/charts/LineSeriesChart';
import { DisclosureTable } from '../../components/DisclosureFigures';
import { ApiErrorNotice, Empty } from '../../components/Notice';
import { formatDate, formatDateTime } from '../../i18n/format';
import { fmt } from '../../i18n/locale';
import { getDictionary } from '../../i18n/server';
import { getDisclosure, listDisclosures } from '../../presenters/disclosures';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.disclosures.title };
}

/** Public: the latest monthly disclosure with formulas, history charts, and every published month. */
export default async function DisclosuresPage() {
  const { t, locale } = await getDictionary();
  const d = t.disclosurePages;
  const list = await listDisclosures();
  if (!list.ok) {
    return (
      <div className="stack">
        <h1>{t.disclosures.title}</h1>
        <ApiErrorNotice error={list.error} t={t} />
      </div>
    );
  }
  const items = list.data.items;
  const recent = items.slice(0, 12);
  const snapshots = await Promise.all(recent.map((i) => getDisclosure(i.yearMonth)));
  const latest = snapshots[0]?.ok ? snapshots[0].data : null;
  const history = snapshots
    .flatMap((s) => (s.ok ? [s.data] : []))
    .reverse()
    .map((s) => {
      const f = s.content.figures;
      const yuan = (k: string) => (f[k] ? Number(f[k]!.value) / 100 : null);
      const pct = (k: string) => (f[k] ? Number(f[k]!.value) / 100 : null);
      return { month: s.yearMonth, outstanding: yuan('outstandingPrincipalFen'), overdue: yuan('overdueAmountFen'), projectRate: pct('projectOverdueRate'), amountRate: pct('amountOverdueRate') };
    });
  return (
    <div className="stack">
      <h1>{t.disclosures.title}</h1>
      <p className="lead">{t.disclosures.intro}</p>
      {items.length === 0 ? (
        <Empty>{t.disclosures.noData}</Empty>
      ) : (
        <>
          {latest ? (
            <section aria-labelledby="latest-title">
              <h2 id="latest-title">
                <Link href={`/disclosures/${latest.yearMonth}`}>{fmt(d.latest, { month: latest.yearMonth })}</Link>
              </h2>
              <p className="muted">
                {fmt(d.asOf, { date: formatDate(locale, latest.asOfDate) })} · {fmt(d.computedAt, { time: formatDateTime(locale, latest.computedAt) })}
              </p>
              <dl className="pairs">
                <dt>{d.snapshotId}</dt>
                <dd className="mono" data-testid="snapshot-id">{latest.id}</dd>
                <dt>{d.contentHash}</dt>
                <dd className="mono" data-testid="content-hash">{latest.contentHash}</dd>
              </dl>
              <DisclosureTable figures={latest.content.figures} t={t} locale={locale} />
            </section>
          ) : null}
          {history.length > 0 ? (
            <section aria-labelledby="history-title">
              <h2 id="history-title">{d.history}</h2>
              <div className="charts-2">
                <div className="chart">
                  <h3>{d.historyAmounts}</h3>
                  <LineSeriesChart
                    testId="chart-history-amounts"
                    data={history}
                    xKey="month"
                    series={[
                      { key: 'outstanding', label: t.disclosurePages.labels.outstandingPrincipalFen ?? '', color: '#0b4f8a' },
                      { key: 'overdue', label: t.disclosurePages.labels.overdueAmountFen ?? '', color: '#b3261e' },
                    ]}
                    summary={d.historyAmountsSummary}
                  />
                </div>
                <div className="chart">
                  <h3>{d.historyRates}</h3>
                  <LineSeriesChart
                    testId="chart-history-rates"
                    data={history}
                    xKey="month"
                    yFormat="percent"
                    series={[
                      { key: 'projectRate', label: t.disclosurePages.labels.projectOverdueRate ?? '', color: '#0b4f8a' },
                      { key: 'amountRate', label: t.disclosurePages.labels.amountOverdueRate ?? '', color: '#b3261e' },
                    ]}
                    summary={d.historyRatesSummary}
                  />
                </div>
              </div>
            </section>
          ) : null}
          <section aria-labelledby="months-title">
            <h2 id="months-title">{d.months}</h2>
            <div className="table-wrap">
              <table data-testid="disclosure-months">
                <thead>
                  <tr>
                    <th scope="col">{t.disclosures.month}</th>
                    <th scope="col">{d.snapshotId}</th>
                    <th scope="col">{d.contentHash}</th>
                    <th scope="col">{fmt(d.dueBy, { date: '' }).trim()}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.id}>
                      <td>
                        <Link href={`/disclosures/${i.yearMonth}`}>{i.yearMonth}</Link>
                      </td>
                      <td className="mono">{i.id}</td>
                      <td className="mono">{i.contentHash.slice(0, 16)}…</td>
                      <td className="nowrap">{formatDate(locale, i.dueBy)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      <p>
        <Link href="/major-events">{t.navMore.majorEvents}</Link>
      </p>
    </div>
  );
}
