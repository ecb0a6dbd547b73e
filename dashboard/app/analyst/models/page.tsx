import type { Metadata } from 'next';
import Link from 'next/link';
import { RetrainPanel } from '../../../components/AnalystActions';
import { GroupedBarChart } from '../../../components/charts/GroupedBarChart';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { formatDateTime, formatPercent } from '../../../i18n/format';
import { errorMessages, fmt } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { getMonitoring, listModels } from '../../../presenters/analyst';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.modelsTitle };
}

const PSI_COLORS = { stable: 'badge-ok', watch: 'badge-warn', alert: 'badge-bad' } as const;

/** Age bands in age order ("<25" first, then by their lower bound); other groups keep theirs. */
function groupOrder(group: string): number {
  if (group.startsWith('<')) return 0;
  const start = Number.parseInt(group, 10);
  return Number.isFinite(start) ? start : 1_000;
}

export default async function ModelsPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/analyst/models', ['analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const kindParam = (await searchParams).kind;
  const kind = kindParam === 'fraud' ? 'fraud' : 'credit';
  const m = t.models;
  const [models, monitoring] = await Promise.all([listModels(), getMonitoring(kind)]);
  return (
    <div className="stack">
      <h1>{t.pages.modelsTitle}</h1>
      <p className="lead">{t.pages.modelsIntro}</p>
      {!models.ok ? (
        <ApiErrorNotice error={models.error} t={t} />
      ) : models.data.items.length === 0 ? (
        <Empty>{m.empty}</Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="models">
            <caption className="visually-hidden">{t.pages.modelsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.kind}</th>
                <th scope="col">{t.common.status}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.owner}</th>
                <th scope="col">{m.created}</th>
              </tr>
            </thead>
            <tbody>
              {models.data.items.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link href={`/analyst/models/${v.id}`}>{v.name}</Link>
                    <div className="mono muted">{v.id}</div>
                  </td>
                  <td>{m.kinds[v.kind] ?? v.kind}</td>
                  <td>{m.statuses[v.status] ?? v.status}</td>
                  <td>{v.role === 'champion' ? <span className="badge badge-ok">{m.roles.champion}</span> : (m.roles[v.role] ?? v.role)}</td>
                  <td>{v.owner}</td>
                  <td className="nowrap">{formatDateTime(locale, v.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="monitoring-title">
        <h2 id="monitoring-title">{fmt(m.monitoring, { kind: m.kinds[kind] ?? kind })}</h2>
        <nav className="row" aria-label={m.kind}>
          {(['credit', 'fraud'] as const).map((k) =>
            k === kind ? (
              <strong key={k} aria-current="page">
                {m.kinds[k]}
              </strong>
            ) : (
              <Link key={k} href={`/analyst/models?kind=${k}`}>
                {m.kinds[k]}
              </Link>
            ),
          )}
        </nav>
        {!monitoring.ok ? (
          <ApiErrorNotice error={monitoring.error} t={t} />
        ) : (
          <div className="stack">
            <p className="muted">
              {fmt(m.monitoringIntro, { n: 30 })} <span className={`badge ${PSI_COLORS[monitoring.data.status]}`}>{m.psiStatus[monitoring.data.status]}</span>
            </p>
            {monitoring.data.stability ? (
              <div className="chart">
                <h3>
                  {m.psi} · {m.scorePsi} {monitoring.data.stability.score.psi.toFixed(3)} ({m.psiStatus[monitoring.data.stability.score.status]})
                </h3>
                <GroupedBarChart
                  testId="chart-psi"
                  data={monitoring.data.stability.features.map((f) => ({ category: f.feature, psi: Number(f.psi.toFixed(4)) }))}
                  series={[{ key: 'psi', label: m.psi, color: '#0b4f8a' }]}
                  summary={m.psiChartSummary}
                  height={300}
                />
                <details className="data-table">
                  <summary>{t.analyst.showTable}</summary>
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{m.feature}</th>
                          <th scope="col" className="num">{m.psi}</th>
                          <th scope="col">{t.common.status}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {monitoring.data.stability.features.map((f) => (
                          <tr key={f.feature}>
                            <td className="mono">{f.feature}</td>
                            <td className="num">{f.psi.toFixed(4)}</td>
                            <td>
                              <span className={`badge ${PSI_COLORS[f.status]}`}>{m.psiStatus[f.status]}</span>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              </div>
            ) : (
              <Empty>{m.noStability}</Empty>
            )}
            <h3>{m.fairness}</h3>
            <p className={monitoring.data.fairness.passesFourFifths ? 'ok-text' : 'bad-text'}>{monitoring.data.fairness.passesFourFifths ? m.passesAll : m.failsSome}</p>
            {(['ageBands', 'gender'] as const).map((dim) => (
              <div className="table-wrap" key={dim}>
                <table data-testid={`fairness-${dim}`}>
                  <caption>{dim === 'ageBands' ? m.ageBands : m.gender}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.group}</th>
                      <th scope="col" className="num">{m.n}</th>
                      <th scope="col" className="num">{m.groupRate}</th>
                      <th scope="col" className="num">{m.ratio}</th>
                      <th scope="col">{m.passes}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {monitoring.data.fairness[dim].length === 0 ? (
                      <tr>
                        <td colSpan={5} className="muted">
                          {t.common.none}
                        </td>
                      </tr>
                    ) : (
                      [...monitoring.data.fairness[dim]].sort((x, y) => groupOrder(x.group) - groupOrder(y.group)).map((g) => (
                        <tr key={g.group}>
                          <td>{m.groupNames[g.group] ?? g.group}</td>
                          <td className="num">{g.n}</td>
                          <td className="num">{formatPercent(g.approvalRate)}</td>
                          <td className="num">{g.ratio === null ? '—' : g.ratio.toFixed(2)}</td>
                          <td>{g.passesFourFifths ? t.common.yes : <strong className="bad-text">{t.common.no}</strong>}</td>
                        </tr>
                      ))
                    )}
                  </tbody>
                </table>
              </div>
            ))}
            {monitoring.data.notes.length ? (
              <>
                <h3>{m.notes}</h3>
                <ul>
                  {monitoring.data.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        )}
      </section>
      <section aria-labelledby="retrain-title" className="card narrow">
        <h2 id="retrain-title">{m.retrain}</h2>
        <p>{m.retrainIntro}</p>
        <RetrainPanel m={m} errors={errorMessages(t)} />
      </section>
    </div>
  );
}
