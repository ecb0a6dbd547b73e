import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { formatBps, formatDateTime, formatYuan } from '../../../i18n/format';
import { fmt } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { requireUser } from '../../../presenters/guard';
import { listMyBids } from '../../../presenters/lending';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.bids.title };
}

const LIMIT = 50;

export default async function BidsPage({ searchParams }: { searchParams: Promise<{ offset?: string }> }) {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/investor/bids', ['investor']);
  if (!allowed) return <Forbidden t={t} />;
  const offset = Math.max(0, Number.parseInt((await searchParams).offset ?? '0', 10) || 0);
  const result = await listMyBids(LIMIT, offset);
  const b = t.bids;
  return (
    <div className="stack">
      <h1>{b.title}</h1>
      <p className="lead">{b.intro}</p>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{b.empty}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="bids">
              <caption className="visually-hidden">{b.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{b.listing}</th>
                  <th scope="col" className="num">{t.market.apr}</th>
                  <th scope="col" className="num">{b.requested}</th>
                  <th scope="col" className="num">{b.filled}</th>
                  <th scope="col">{t.common.status}</th>
                  <th scope="col">{b.source}</th>
                  <th scope="col">{b.at}</th>
                </tr>
              </thead>
              <tbody>
                {result.data.items.map((bid) => (
                  <tr key={bid.id}>
                    <td>
                      <Link href={`/listings/${bid.listingId}`}>{bid.listing?.title ?? bid.listingId}</Link>
                      {bid.listing ? <span className="muted"> · {bid.listing.grade} · {fmt(t.market.months, { n: bid.listing.termMonths })}</span> : null}
                    </td>
                    <td className="num">
                      <strong>{bid.listing ? formatBps(bid.listing.aprBps) : '—'}</strong>
                    </td>
                    <td className="num">{formatYuan(locale, bid.requested)}</td>
                    <td className="num">{formatYuan(locale, bid.amount)}</td>
                    <td>{b.statuses[bid.status] ?? bid.status}</td>
                    <td>{b.sources[bid.source] ?? bid.source}</td>
                    <td className="nowrap">{formatDateTime(locale, bid.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="row" aria-label={fmt(t.common.page, { n: Math.floor(offset / LIMIT) + 1 })}>
            {offset > 0 ? <Link href={`/investor/bids?offset=${Math.max(0, offset - LIMIT)}`}>{t.common.previous}</Link> : null}
            {offset + LIMIT < result.data.total ? <Link href={`/investor/bids?offset=${offset + LIMIT}`}>{t.common.next}</Link> : null}
          </nav>
        </>
      )}
    </div>
  );
}
