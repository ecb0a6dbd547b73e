import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { Pager } from '../../../components/Pager';
import { formatDateTime } from '../../../i18n/format';
import { getDictionary } from '../../../i18n/server';
import { getAlerts } from '../../../presenters/analyst';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.alerts.title };
}

const LIMIT = 50;

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ status?: string; offset?: string }> }) {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/analyst/alerts', ['analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const sp = await searchParams;
  const status = sp.status === 'closed' ? 'closed' : 'open';
  const offset = Math.max(0, Number.parseInt(sp.offset ?? '0', 10) || 0);
  const result = await getAlerts(status, LIMIT, offset);
  const a = t.alerts;
  return (
    <div className="stack">
      <h1>{a.title}</h1>
      <p className="lead">{a.intro}</p>
      <nav className="row" aria-label={t.common.status}>
        {status === 'open' ? <strong aria-current="page">{a.open}</strong> : <Link href="/analyst/alerts">{a.open}</Link>}
        {status === 'closed' ? <strong aria-current="page">{a.closed}</strong> : <Link href="/analyst/alerts?status=closed">{a.closed}</Link>}
      </nav>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{status === 'open' ? a.empty : a.closedEmpty}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="alerts">
              <caption className="visually-hidden">{a.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{a.at}</th>
                  <th scope="col">{a.rule}</th>
                  <th scope="col">{a.loan}</th>
                  <th scope="col">{a.details}</th>
                </tr>
              </thead>
              <tbody>
                {result.data.items.map((x) => (
                  <tr key={x.id}>
                    <td className="nowrap">{formatDateTime(locale, x.createdAt)}</td>
                    <td>{x.rule}</td>
                    <td className="mono">{x.loanId}</td>
                    <td className="mono">{JSON.stringify(x.details)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {status === 'open' ? <Pager basePath="/analyst/alerts" offset={offset} limit={LIMIT} count={result.data.items.length} t={t} /> : null}
        </>
      )}
    </div>
  );
}
