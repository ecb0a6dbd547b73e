import type { Metadata } from 'next';
import Link from 'next/link';
import { CustodyForm } from '../../../components/CustodyForm';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { formatDateTime, formatYuan } from '../../../i18n/format';
import { errorMessages } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { getBalances, getStatement } from '../../../presenters/custody';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.custodyTitle };
}

export default async function CustodyPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/investor/custody', ['investor', 'borrower']);
  if (!allowed) return <Forbidden t={t} />;
  const { before } = await searchParams;
  const [balances, statement] = await Promise.all([getBalances(), getStatement(before)]);
  const c = t.custody;
  return (
    <div className="stack">
      <h1>{t.pages.custodyTitle}</h1>
      <p className="lead">{t.pages.custodyIntro}</p>
      <section aria-labelledby="balances-title">
        <h2 id="balances-title">{c.balances}</h2>
        {!balances.ok ? (
          <ApiErrorNotice error={balances.error} t={t} />
        ) : (
          <dl className="figures" data-testid="balances">
            <div className="figure figure-primary" data-testid="balance-available">
              <dt>{c.available}</dt>
              <dd>{formatYuan(locale, balances.data.available)}</dd>
            </div>
            <div className="figure">
              <dt>{c.pendingOut}</dt>
              <dd>{formatYuan(locale, balances.data.pendingOut)}</dd>
            </div>
            <div className="figure">
              <dt>{c.held}</dt>
              <dd>{formatYuan(locale, balances.data.held)}</dd>
            </div>
            <div className="figure">
              <dt>{c.total}</dt>
              <dd>{formatYuan(locale, balances.data.total)}</dd>
            </div>
          </dl>
        )}
      </section>
      <section aria-labelledby="move-title" className="card narrow">
        <h2 id="move-title">{c.moveTitle}</h2>
        <CustodyForm c={c} errors={errorMessages(t)} locale={locale} simulated={process.env.SIMULATED_CUSTODIAN !== 'false'} />
      </section>
      <section aria-labelledby="statement-title">
        <h2 id="statement-title">{c.statement}</h2>
        {!statement.ok ? (
          <ApiErrorNotice error={statement.error} t={t} />
        ) : statement.data.items.length === 0 ? (
          <Empty>{c.statementEmpty}</Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table data-testid="statement">
                <caption className="visually-hidden">{c.statement}</caption>
                <thead>
                  <tr>
                    <th scope="col">{c.at}</th>
                    <th scope="col">{c.kind}</th>
                    <th scope="col">{c.direction}</th>
                    <th scope="col" className="num">{c.amount}</th>
                    <th scope="col">{t.common.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {statement.data.items.map((item) => (
                    <tr key={item.entryId}>
                      <td className="nowrap">{formatDateTime(locale, item.at)}</td>
                      <td>{c.kinds[item.kind] ?? item.kind}</td>
                      <td>{item.direction === 'in' ? c.in : c.out}</td>
                      <td className={`num ${item.direction === 'in' ? 'ok-text' : ''}`}>
                        {item.direction === 'in' ? '+' : '−'}
                        {formatYuan(locale, item.amount)}
                      </td>
                      <td>{item.pending ? <span className="badge badge-warn">{c.pending}</span> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {statement.data.nextBefore ? (
              <p>
                <Link href={`/investor/custody?before=${statement.data.nextBefore}`}>{c.more}</Link>
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
