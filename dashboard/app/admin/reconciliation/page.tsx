import type { Metadata } from 'next';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { ResolveIncidentForm, RunReconciliationForm } from '../../../components/ReconciliationActions';
import { formatDateTime, formatFen } from '../../../i18n/format';
import { errorMessages } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { getReconciliation } from '../../../presenters/custody';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.admin.reconciliationTitle };
}

/** Yesterday in China Standard Time (reconciliation runs on past business dates). */
function yesterdayCst(): string {
  const cst = new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000);
  return cst.toISOString().slice(0, 10);
}

export default async function ReconciliationPage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/admin/reconciliation', ['admin']);
  if (!allowed) return <Forbidden t={t} />;
  const result = await getReconciliation();
  const rc = t.reconciliation;
  const errors = errorMessages(t);
  return (
    <div className="stack">
      <h1>{t.admin.reconciliationTitle}</h1>
      <p className="lead">{t.admin.reconciliationIntro}</p>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : (
        <>
          <p className={`alert ${result.data.fundingFrozen ? 'alert-error' : 'alert-ok'}`} data-testid="funding-status">
            {result.data.fundingFrozen ? rc.frozen : rc.notFrozen}
          </p>
          <section className="card" aria-labelledby="run-title">
            <h2 id="run-title">{rc.run}</h2>
            <RunReconciliationForm rc={rc} errors={errors} defaultDate={yesterdayCst()} />
          </section>
          <section aria-labelledby="incidents-title">
            <h2 id="incidents-title">{rc.incidents}</h2>
            {result.data.openIncidents.length === 0 ? (
              <Empty>{rc.incidentsEmpty}</Empty>
            ) : (
              <ul className="app-list">
                {result.data.openIncidents.map((incident) => (
                  <li key={incident.id} className="app-item">
                    <div className="row">
                      <strong>{incident.businessDate}</strong>
                      <span className="mono">{incident.bankAccountNo}</span>
                    </div>
                    <div className="row">
                      <span>
                        {rc.ledgerBalance}: {formatFen(locale, incident.ledgerBalanceFen)}
                      </span>
                      <span>
                        {rc.bankBalance}: {formatFen(locale, incident.bankBalanceFen)}
                      </span>
                    </div>
                    <ResolveIncidentForm incidentId={incident.id} rc={rc} errors={errors} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="runs-title">
            <h2 id="runs-title">{rc.runs}</h2>
            {result.data.runs.length === 0 ? (
              <Empty>{rc.runsEmpty}</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{rc.businessDate}</th>
                      <th scope="col">{rc.ranAt}</th>
                      <th scope="col" className="num">{rc.accountsCompared}</th>
                      <th scope="col" className="num">{rc.mismatches}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.data.runs.map((run) => (
                      <tr key={run.businessDate}>
                        <td>{run.businessDate}</td>
                        <td>{formatDateTime(locale, run.ranAt)}</td>
                        <td className="num">{run.accountsCompared}</td>
                        <td className="num">{run.mismatches > 0 ? <span className="badge badge-bad">{run.mismatches}</span> : run.mismatches}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
