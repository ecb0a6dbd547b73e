import type { Metadata } from 'next';
import { GroupedBarChart } from '../../../components/charts/GroupedBarChart';
import { LineSeriesChart } from '../../../components/charts/LineSeriesChart';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { formatFen, formatPercent } from '../../../i18n/format';
import { fmt } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { getDefaultVsExpected, getExpectedLoss, getOverdueRates, getRollRates, getVintages } from '../../../presenters/analyst';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.overdue.title };
}

const COLORS = ['#0b4f8a', '#b3261e', '#1d7a3e', '#c98a00', '#6b4fa0', '#2a8c9c', '#8a5a00', '#5b6674'];

function chinaDateDaysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

export default async function OverduePage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/analyst/overdue', ['analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const o = t.overdue;
  const from = chinaDateDaysAgo(30);
  const to = chinaDateDaysAgo(0);
  const [rates, vintages, rolls, ecl, dve] = await Promise.all([getOverdueRates(), getVintages(), getRollRates(from, to), getExpectedLoss(), getDefaultVsExpected()]);
  // Vintage curves: one line per origination month, x = months on book.
  const vintageRows = vintages.ok ? vintages.data.items : [];
  const vintageKeys = [...new Set(vintageRows.map((r) => r.vintage))].sort().slice(-8);
  const mobs = [...new Set(vintageRows.map((r) => r.monthsOnBook))].sort((a, b) => a - b);
  const vintageData = mobs.map((mob) => ({ mob, ...Object.fromEntries(vintageKeys.map((v) => [v, vintageRows.find((r) => r.vintage === v && r.monthsOnBook === mob)?.cumulative30PlusRate ?? null])) }));
  // Overdue rates per grade letter (summing counts across terms).
  const byGrade = new Map<string, { loans: number; overdue: number; countRate: number; amountRate: number }>();
  if (rates.ok) for (const r of rates.data.items) byGrade.set(`${r.grade} · ${r.termMonths}`, { loans: Number(r.loans), overdue: Number(r.overdueLoans), countRate: r.countRate, amountRate: r.amountRate });
  return (
    <div className="stack">
      <h1>{o.title}</h1>
      <p className="lead">{o.intro}</p>
      <section className="chart" aria-labelledby="rates-title">
        <h2 id="rates-title">{o.rates}</h2>
        {!rates.ok ? (
          <ApiErrorNotice error={rates.error} t={t} />
        ) : rates.data.items.length === 0 ? (
          <Empty>{o.empty}</Empty>
        ) : (
          <>
            <GroupedBarChart
              testId="chart-overdue-rates"
              percent
              data={[...byGrade.entries()].map(([k, v]) => ({ category: k, countRate: v.countRate, amountRate: v.amountRate }))}
              series={[
                { key: 'countRate', label: o.countRate, color: '#0b4f8a' },
                { key: 'amountRate', label: o.amountRate, color: '#b3261e' },
              ]}
              summary={o.ratesSummary}
            />
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.analyst.grade}</th>
                    <th scope="col">{t.market.term}</th>
                    <th scope="col" className="num">{o.loans}</th>
                    <th scope="col" className="num">{o.overdueLoans}</th>
                    <th scope="col" className="num">{o.over90}</th>
                    <th scope="col" className="num">{o.countRate}</th>
                    <th scope="col" className="num">{o.amountRate}</th>
                  </tr>
                </thead>
                <tbody>
                  {rates.data.items.map((r) => (
                    <tr key={`${r.grade}-${r.termMonths}`}>
                      <td>{r.grade}</td>
                      <td>{fmt(t.market.months, { n: r.termMonths })}</td>
                      <td className="num">{String(r.loans)}</td>
                      <td className="num">{String(r.overdueLoans)}</td>
                      <td className="num">{String(r.over90Loans)}</td>
                      <td className="num">{formatPercent(r.countRate, 2)}</td>
                      <td className="num">{formatPercent(r.amountRate, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <section className="chart" aria-labelledby="vintage-title">
        <h2 id="vintage-title">{o.vintages}</h2>
        {!vintages.ok ? (
          <ApiErrorNotice error={vintages.error} t={t} />
        ) : vintageData.length === 0 ? (
          <Empty>{o.empty}</Empty>
        ) : (
          <LineSeriesChart
            testId="chart-vintages"
            data={vintageData}
            xKey="mob"
            yFormat="percent"
            series={vintageKeys.map((v, i) => ({ key: v, label: v, color: COLORS[i % COLORS.length]! }))}
            xLabel={o.mob}
            summary={o.vintagesSummary}
          />
        )}
      </section>
      <section aria-labelledby="roll-title">
        <h2 id="roll-title">{fmt(o.rollRates, { from, to })}</h2>
        {!rolls.ok ? (
          <ApiErrorNotice error={rolls.error} t={t} />
        ) : rolls.data.items.length === 0 ? (
          <Empty>{o.empty}</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{o.fromStatus}</th>
                  <th scope="col">{o.toStatus}</th>
                  <th scope="col" className="num">{o.loans}</th>
                  <th scope="col" className="num">{t.analyst.share}</th>
                </tr>
              </thead>
              <tbody>
                {rolls.data.items.map((r) => (
                  <tr key={`${r.from}-${r.to}`}>
                    <td>{t.loans.delinquency[r.from] ?? r.from}</td>
                    <td>{t.loans.delinquency[r.to] ?? r.to}</td>
                    <td className="num">{String(r.loans)}</td>
                    <td className="num">{formatPercent(r.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="ecl-title">
        <h2 id="ecl-title">{o.expectedLoss}</h2>
        {!ecl.ok ? (
          <ApiErrorNotice error={ecl.error} t={t} />
        ) : ecl.data.byGrade.length === 0 ? (
          <Empty>{o.empty}</Empty>
        ) : (
          <>
            <p className="muted">{fmt(o.lgd, { p: `${(ecl.data.lgdBps / 100).toFixed(2)}%` })}</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.analyst.grade}</th>
                    <th scope="col" className="num">{o.loans}</th>
                    <th scope="col" className="num">{o.exposure}</th>
                    <th scope="col" className="num">{o.ecl}</th>
                    <th scope="col" className="num">{o.averagePd}</th>
                  </tr>
                </thead>
                <tbody>
                  {ecl.data.byGrade.map((g) => (
                    <tr key={g.grade}>
                      <td>{g.grade}</td>
                      <td className="num">{String(g.loans)}</td>
                      <td className="num">{formatFen(locale, String(g.exposureFen))}</td>
                      <td className="num">{formatFen(locale, String(g.expectedLossFen))}</td>
                      <td className="num">{formatPercent(Number(g.averagePd), 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <section className="chart" aria-labelledby="dve-title">
        <h2 id="dve-title">{o.defaultVsExpected}</h2>
        {!dve.ok ? (
          <ApiErrorNotice error={dve.error} t={t} />
        ) : dve.data.items.length === 0 ? (
          <Empty>{o.empty}</Empty>
        ) : (
          <GroupedBarChart
            testId="chart-dve"
            percent
            data={dve.data.items.map((r) => ({ category: r.grade, actual: r.actualRate, expected: Number(r.expectedRate) }))}
            series={[
              { key: 'actual', label: o.actual, color: '#b3261e' },
              { key: 'expected', label: o.expected, color: '#0b4f8a' },
            ]}
            summary={o.dveSummary}
          />
        )}
      </section>
    </div>
  );
}
