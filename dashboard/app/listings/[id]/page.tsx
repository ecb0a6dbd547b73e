import type { Metadata } from 'next';
import Link from 'next/link';
import { BidPanel } from '../../../components/BidPanel';
import { ApiErrorNotice } from '../../../components/Notice';
import { ProgressBar } from '../../../components/ProgressBar';
import { disclosureValue } from '../../../i18n/disclosure-value';
import { formatBps, formatDate, formatYuan } from '../../../i18n/format';
import { errorMessages, fmt } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { getInvestorStatus, getListing } from '../../../presenters/lending';
import { getMe } from '../../../presenters/me';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { t } = await getDictionary();
  const { id } = await params;
  const result = await getListing(id);
  return { title: result.ok ? result.data.title : t.listing.title };
}

/** One listing: the IRR annual rate first, risk figures, progress, masked disclosures and the bid form. */
export default async function ListingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { t, locale } = await getDictionary();
  const [result, me] = await Promise.all([getListing(id), getMe()]);
  const l = t.listing;
  const m = t.market;
  if (!result.ok) {
    return (
      <div className="stack narrow">
        <h1>{l.title}</h1>
        {result.error.code === 'NOT_FOUND' || result.status === 400 ? <p className="empty">{l.notFound}</p> : <ApiErrorNotice error={result.error} t={t} />}
      </div>
    );
  }
  const d = result.data;
  const investor = !!me?.roles.includes('investor');
  const status = investor ? await getInvestorStatus() : null;
  const ready = status?.ok ? status.data.readyToBid : false;
  const section = (key: 'borrower' | 'project' | 'riskAssessment', title: string) => (
    <section className="card" aria-labelledby={`disc-${key}`}>
      <h3 id={`disc-${key}`}>{title}</h3>
      <dl className="pairs">
        {Object.entries(d.disclosures[key] ?? {}).map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{l.fields[k] ?? k}</dt>
            <dd>{disclosureValue(t, locale, k, v)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
  return (
    <div className="stack">
      <p>
        <Link href="/investor/marketplace">← {t.pages.marketplaceTitle}</Link>
      </p>
      <h1>
        {d.title} <span className={`badge ${d.status === 'open' ? 'badge-ok' : 'badge-info'}`}>{m.statuses[d.status] ?? d.status}</span>
      </h1>
      <section aria-labelledby="key-figures">
        <h2 id="key-figures" className="visually-hidden">{l.keyFigures}</h2>
        <dl className="figures">
          <div className="figure figure-primary" data-testid="listing-apr">
            <dt>{m.aprLong}</dt>
            <dd>{d.apr}</dd>
          </div>
          <div className="figure" data-testid="listing-grade">
            <dt>{m.grade}</dt>
            <dd>{d.grade}</dd>
          </div>
          <div className="figure">
            <dt>{m.pd}</dt>
            <dd>{d.probabilityOfDefault}</dd>
          </div>
          <div className="figure">
            <dt>{m.expectedLoss}</dt>
            <dd>{d.expectedLoss}</dd>
          </div>
          <div className="figure">
            <dt>{l.term}</dt>
            <dd>{fmt(m.months, { n: d.termMonths })}</dd>
          </div>
          <div className="figure">
            <dt>{m.amount}</dt>
            <dd>{formatYuan(locale, d.amount)}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="progress-title">
        <h2 id="progress-title">{l.progress}</h2>
        <ProgressBar bps={d.fundedShareBps} label={fmt(l.progressLabel, { funded: formatYuan(locale, d.funded), amount: formatYuan(locale, d.amount), p: formatBps(d.fundedShareBps) })} />
        <p className="muted">
          {m.amountLeft}: <strong data-testid="amount-left">{formatYuan(locale, d.amountLeft)}</strong> · {fmt(m.bids, { n: d.bidCount })} · {m.closesOn} {formatDate(locale, d.closesOn)} · {l.method}{' '}
          {m.methods[d.repaymentMethod] ?? d.repaymentMethod} · {l.purpose} {t.apply.purposes[d.purpose] ?? d.purpose}
        </p>
      </section>
      <div className="split">
        <div className="stack">
          <section aria-labelledby="desc-title">
            <h2 id="desc-title">{l.description}</h2>
            <p style={{ whiteSpace: 'pre-wrap' }}>{d.description}</p>
          </section>
          <section aria-labelledby="disc-title">
            <h2 id="disc-title">{l.disclosures}</h2>
            <p className="muted">{l.disclosuresIntro}</p>
            <div className="stack" data-testid="disclosures">
              {section('borrower', l.borrowerSection)}
              {section('project', l.projectSection)}
              {section('riskAssessment', l.riskSection)}
            </div>
            <p className="muted">
              {l.hash}: <span className="mono">{d.disclosuresHash}</span>
            </p>
          </section>
        </div>
        <section aria-labelledby="bid-title" className="card" style={{ alignSelf: 'start' }}>
          <h2 id="bid-title">{l.bidTitle}</h2>
          {d.status !== 'open' ? (
            <p className="alert alert-info">{l.notOpen}</p>
          ) : !me ? (
            <p>
              <Link href={`/sign-in?next=${encodeURIComponent(`/listings/${d.id}`)}`}>{l.signInToBid}</Link>
            </p>
          ) : !investor ? (
            <p className="alert alert-info">{l.notInvestor}</p>
          ) : !ready ? (
            <div>
              <p className="alert alert-warn">{l.onboardFirst}</p>
              <Link href="/investor/onboarding" className="button">
                {l.goOnboard}
              </Link>
            </div>
          ) : (
            <BidPanel listingId={d.id} amountLeft={d.amountLeft} l={l} errors={errorMessages(t)} locale={locale} />
          )}
        </section>
      </div>
    </div>
  );
}
