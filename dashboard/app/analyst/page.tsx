import type { Metadata } from 'next';
import Link from 'next/link';
import { GroupedBarChart } from '../../components/charts/GroupedBarChart';
import { LineSeriesChart } from '../../components/charts/LineSeriesChart';
import { ApiErrorNotice, Empty, Forbidden } from '../../components/Notice';
import { formatPercent } from '../../i18n/format';
import { fmt } from '../../i18n/locale';
import { getDictionary } from '../../i18n/server';
import { getScoringOverview } from '../../presenters/analyst';
import { requireUser } from '../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.overviewTitle };
}

const WINDOWS = [7, 30, 90];
const OUTCOME_COLORS: Record<string, string> = { approved: '#1d7a3e', counter_offer: '#5aa469', referred: '#c98a00', declined: '#b3261e' };

export default async function AnalystOverviewPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const { t } = await getDictionary();
  const { allowed } = await requireUser('/analyst', ['analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const requested = Number((await searchParams).days);
  const days = WINDOWS.includes(requested) ? requested : 30;
  const result = await getScoringOverview(days);
  const a = t.analyst;
  return (
    <div className="stack">
      <h1>{t.pages.overviewTitle}</h1>
      <p className="lead">{t.pages.overviewIntro}</p>
      <nav className="row" aria-label={a.windowDays.replace('{n}', '')}>
        {WINDOWS.map((n) =>
          n === days ? (
            <strong key={n} aria-current="page">
              {fmt(a.windowDays, { n })}
            </strong>
          ) : (
            <Link key={n} href={`/analyst?days=${n}`}>
              {fmt(a.windowDays, { n })}
            </Link>
          ),
        )}
      </nav>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : (
        <>
          <dl className="figures" data-testid="overview-figures">
            <div className="figure figure-primary">
              <dt>{a.approvalRate}</dt>
              <dd>{formatPercent(result.data.approvalRate)}</dd>
            </div>
            <div className="figure">
              <dt>{a.total}</dt>
              <dd data-testid="overview-total">{result.data.total}</dd>
            </div>
          </dl>
          {result.data.total === 0 ? (
            <Empty>{a.noDecisions}</Empty>
          ) : (
            <div className="charts-2" data-testid="overview-charts">
              <section className="chart" aria-labelledby="per-day-title">
                <h2 id="per-day-title">{a.perDay}</h2>
                <LineSeriesChart
                  testId="chart-per-day"
                  data={result.data.perDay.map((d) => ({ date: d.date.slice(5), decisions: d.decisions, approvalRate: d.approvalRate }))}
                  xKey="date"
                  series={[
                    { key: 'decisions', label: a.decisions, color: '#0b4f8a' },
                    { key: 'approvalRate', label: a.approvalRate, color: '#1d7a3e', right: true },
                  ]}
                  summary={a.perDaySummary}
                />
              </section>
              <section className="chart" aria-labelledby="outcome-title">
                <h2 id="outcome-title">{a.outcomeMix}</h2>
                <GroupedBarChart
                  testId="chart-outcomes"
                  stacked
                  data={result.data.perDay.map((d) => ({ category: d.date.slice(5), ...d.outcomes }))}
                  series={Object.keys(OUTCOME_COLORS).map((k) => ({ key: k, label: a.outcomes[k] ?? k, color: OUTCOME_COLORS[k]! }))}
                  summary={a.outcomeMixSummary}
                />
              </section>
              <section className="chart" aria-labelledby="hist-title">
                <h2 id="hist-title">{a.histogram}</h2>
                <GroupedBarChart
                  testId="chart-histogram"
                  data={result.data.pdHistogram.map((b) => ({ category: `${Math.round(b.lower * 100)}%`, count: b.count }))}
                  series={[{ key: 'count', label: a.decisions, color: '#0b4f8a' }]}
                  summary={a.histogramSummary}
                />
              </section>
              <section className="chart" aria-labelledby="grade-title">
                <h2 id="grade-title">{a.gradeMix}</h2>
                <GroupedBarChart
                  testId="chart-grades"
                  data={result.data.gradeMix.map((g) => ({ category: g.grade === 'none' ? '—' : g.grade, count: g.count }))}
                  series={[{ key: 'count', label: a.decisions, color: '#5b6f9a' }]}
                  summary={a.gradeMixSummary}
                />
                <details className="data-table">
                  <summary>{a.showTable}</summary>
                  <div className="table-wrap">
                    <table>
                      <caption className="visually-hidden">{a.gradeMix}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{a.grade}</th>
                          <th scope="col" className="num">{a.count}</th>
                          <th scope="col" className="num">{a.share}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {result.data.gradeMix.map((g) => (
                          <tr key={g.grade}>
                            <td>{g.grade === 'none' ? a.noGrade : g.grade}</td>
                            <td className="num">{g.count}</td>
                            <td className="num">{formatPercent(g.share)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              </section>
            </div>
          )}
        </>
      )}
    </div>
  );
}
