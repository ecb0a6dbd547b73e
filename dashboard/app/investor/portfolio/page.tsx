import type { Metadata } from 'next';
import Link from 'next/link';
import { GroupedBarChart } from '../../../components/charts/GroupedBarChart';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { fenToYuanString, formatPercent, formatYuan } from '../../../i18n/format';
import { getDictionary } from '../../../i18n/server';
import { requireUser } from '../../../presenters/guard';
import { getPortfolio } from '../../../presenters/lending';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.portfolioTitle };
}

/** Yuan string → fen, exactly. */
const fen = (yuan: string) => {
  const [w = '0', f = ''] = yuan.replace('-', '').split('.');
  const v = BigInt(w) * 100n + BigInt((f + '00').slice(0, 2));
  return yuan.startsWith('-') ? -v : v;
};

export default async function PortfolioPage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/investor/portfolio', ['investor']);
  if (!allowed) return <Forbidden t={t} />;
  const result = await getPortfolio();
  const p = t.portfolio;
  if (!result.ok) {
    return (
      <div className="stack">
        <h1>{t.pages.portfolioTitle}</h1>
        <ApiErrorNotice error={result.error} t={t} />
      </div>
    );
  }
  const { holdings, totals, xirr } = result.data;
  // Grade mix summed in fen (bigint) on the server; the chart only draws the bars.
  const byGrade = new Map<string, { fen: bigint; count: number }>();
  for (const h of holdings) {
    const letter = h.grade.slice(0, 1);
    const g = byGrade.get(letter) ?? { fen: 0n, count: 0 };
    g.fen += fen(h.outstandingPrincipal);
    g.count += 1;
    byGrade.set(letter, g);
  }
  const grades = [...byGrade.entries()].sort(([a], [b]) => a.localeCompare(b));
  const labels: Record<string, Record<string, string>> = Object.fromEntries(grades.map(([g, v]) => [g, { outstanding: formatYuan(locale, fenToYuanString(v.fen)) }]));
  return (
    <div className="stack">
      <h1>{t.pages.portfolioTitle}</h1>
      <p className="lead">{t.pages.portfolioIntro}</p>
      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{p.totals}</h2>
        <dl className="figures" data-testid="portfolio-totals">
          <div className="figure figure-primary">
            <dt>{p.xirr}</dt>
            <dd>{xirr === null ? <span style={{ fontSize: '1rem' }}>{p.xirrNone}</span> : formatPercent(xirr, 2)}</dd>
          </div>
          <div className="figure">
            <dt>{p.invested}</dt>
            <dd>{formatYuan(locale, totals.invested)}</dd>
          </div>
          <div className="figure">
            <dt>{p.outstanding}</dt>
            <dd>{formatYuan(locale, totals.outstandingPrincipal)}</dd>
          </div>
          <div className="figure">
            <dt>{p.received}</dt>
            <dd>{formatYuan(locale, totals.received)}</dd>
          </div>
          <div className="figure">
            <dt>{p.due}</dt>
            <dd>{formatYuan(locale, totals.due)}</dd>
          </div>
          <div className="figure">
            <dt>{p.overdue}</dt>
            <dd className={totals.overdue !== '0.00' ? 'bad-text' : undefined}>{formatYuan(locale, totals.overdue)}</dd>
          </div>
        </dl>
      </section>
      {holdings.length === 0 ? (
        <Empty>
          {p.empty} <Link href="/investor/marketplace">{t.nav.marketplace}</Link>
        </Empty>
      ) : (
        <>
          <section className="chart" aria-labelledby="mix-title">
            <h2 id="mix-title">{p.gradeMix}</h2>
            <GroupedBarChart
              testId="grade-mix-chart"
              data={grades.map(([g, v]) => ({ category: g, outstanding: Number(v.fen) / 100 }))}
              series={[{ key: 'outstanding', label: p.outstanding, color: '#0b4f8a' }]}
              valueLabels={labels}
              yuan
              summary={p.gradeMixSummary}
            />
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{p.gradeMix}</caption>
                <thead>
                  <tr>
                    <th scope="col">{p.grade}</th>
                    <th scope="col" className="num">{p.count}</th>
                    <th scope="col" className="num">{p.outstanding}</th>
                  </tr>
                </thead>
                <tbody>
                  {grades.map(([g, v]) => (
                    <tr key={g}>
                      <td>{g}</td>
                      <td className="num">{v.count}</td>
                      <td className="num">{labels[g]!.outstanding}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="holdings-title">
            <h2 id="holdings-title">{p.holdings}</h2>
            <div className="table-wrap">
              <table data-testid="holdings">
                <caption className="visually-hidden">{p.holdings}</caption>
                <thead>
                  <tr>
                    <th scope="col">{p.loan}</th>
                    <th scope="col">{p.grade}</th>
                    <th scope="col">{p.loanStatus}</th>
                    <th scope="col" className="num">{p.principal}</th>
                    <th scope="col" className="num">{p.outstanding}</th>
                    <th scope="col" className="num">{p.received}</th>
                    <th scope="col" className="num">{p.due}</th>
                    <th scope="col" className="num">{p.overdue}</th>
                  </tr>
                </thead>
                <tbody>
                  {holdings.map((h) => (
                    <tr key={h.loanId}>
                      {/* The id's tail: a whole ULID broke into a column of four-letter lines on phones. */}
                      <td className="mono nowrap">
                        <abbr title={h.loanId}>…{h.loanId.slice(-8)}</abbr>
                      </td>
                      <td>{h.grade}</td>
                      <td>
                        {t.loans.statuses[h.status] ?? h.status} · {t.loans.delinquency[h.delinquencyStatus] ?? h.delinquencyStatus}
                      </td>
                      <td className="num">{formatYuan(locale, h.principal)}</td>
                      <td className="num">{formatYuan(locale, h.outstandingPrincipal)}</td>
                      <td className="num">{formatYuan(locale, h.received)}</td>
                      <td className="num">{formatYuan(locale, h.due)}</td>
                      <td className={`num ${h.overdue !== '0.00' ? 'bad-text' : ''}`}>{formatYuan(locale, h.overdue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
