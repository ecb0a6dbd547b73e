import type { Metadata } from 'next';
import { RepayForm } from '../../../components/LendingActions';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { formatBps, formatDate, formatYuan } from '../../../i18n/format';
import { errorMessages, fmt } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { requireUser } from '../../../presenters/guard';
import { listMyLoans } from '../../../presenters/lending';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.loans.title };
}

export default async function LoansPage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/borrower/loans', ['borrower']);
  if (!allowed) return <Forbidden t={t} />;
  const result = await listMyLoans();
  const l = t.loans;
  return (
    <div className="stack">
      <h1>{l.title}</h1>
      <p className="lead">{l.intro}</p>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{l.empty}</Empty>
      ) : (
        result.data.items.map((loan) => (
          <section key={loan.id} className="card" aria-labelledby={`loan-${loan.id}`} data-testid="loan">
            <h2 id={`loan-${loan.id}`}>
              {/* The id's tail: the whole ULID made the heading wider than a phone. */}
              {fmt(l.loan, { id: '' })}
              <abbr title={loan.id} className="mono">
                …{loan.id.slice(-8)}
              </abbr> <span className="badge badge-info">{l.statuses[loan.status] ?? loan.status}</span>{' '}
              <span className={`badge ${loan.daysPastDue > 0 ? 'badge-bad' : 'badge-ok'}`}>
                {loan.daysPastDue > 0 ? fmt(l.daysPastDue, { n: loan.daysPastDue }) : (l.delinquency[loan.delinquencyStatus] ?? loan.delinquencyStatus)}
              </span>
            </h2>
            <dl className="figures">
              <div className="figure figure-primary">
                <dt>{l.apr}</dt>
                <dd>{formatBps(loan.aprBps)}</dd>
              </div>
              <div className="figure">
                <dt>{l.dueNow}</dt>
                <dd data-testid="due-now">{formatYuan(locale, loan.dueNow)}</dd>
              </div>
              <div className="figure">
                <dt>{l.outstanding}</dt>
                <dd>{formatYuan(locale, loan.principalOutstanding)}</dd>
              </div>
              <div className="figure">
                <dt>{l.principal}</dt>
                <dd>{formatYuan(locale, loan.principal)}</dd>
              </div>
            </dl>
            <p className="muted">
              {l.nominal} {formatBps(loan.annualRateBps)} · {t.market.methods[loan.repaymentMethod] ?? loan.repaymentMethod} · {formatDate(locale, loan.startDate)} – {formatDate(locale, loan.maturityDate)}
              {loan.next ? ` · ${l.next}: ${fmt(l.nextLine, { n: loan.next.installmentNo, date: formatDate(locale, loan.next.dueDate), amount: formatYuan(locale, loan.next.owed) })}` : ''}
            </p>
            <details className="data-table">
              <summary>{l.schedule}</summary>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{l.schedule}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{l.no}</th>
                      <th scope="col">{l.dueDate}</th>
                      <th scope="col" className="num">{l.principal}</th>
                      <th scope="col" className="num">{l.interest}</th>
                      <th scope="col" className="num">{l.fee}</th>
                      <th scope="col" className="num">{l.penalty}</th>
                      <th scope="col" className="num">{l.owed}</th>
                      <th scope="col">{l.settledOn}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {loan.schedule.map((i) => (
                      <tr key={i.installmentNo}>
                        <td>{i.installmentNo}</td>
                        <td className="nowrap">{formatDate(locale, i.dueDate)}</td>
                        <td className="num">{formatYuan(locale, i.principal)}</td>
                        <td className="num">{formatYuan(locale, i.interest)}</td>
                        <td className="num">{formatYuan(locale, i.fee)}</td>
                        <td className="num">{formatYuan(locale, i.penalty)}</td>
                        <td className="num">{formatYuan(locale, i.owed)}</td>
                        <td className="nowrap">{i.settledOn ? formatDate(locale, i.settledOn) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
            {loan.principalOutstanding === '0.00' ? (
              <p className="ok-text" data-testid="loan-repaid">
                {l.fullyRepaid}
              </p>
            ) : (
              <>
                <h3>{l.repayTitle}</h3>
                {loan.dueNow === '0.00' ? <p className="muted">{l.nothingDue}</p> : null}
                <RepayForm loanId={loan.id} dueNow={loan.dueNow} l={l} errors={errorMessages(t)} locale={locale} />
              </>
            )}
          </section>
        ))
      )}
    </div>
  );
}
