import type { Metadata } from 'next';
import Link from 'next/link';
import { ModelActions } from '../../../../components/AnalystActions';
import { LineSeriesChart } from '../../../../components/charts/LineSeriesChart';
import { ApiErrorNotice, Empty, Forbidden } from '../../../../components/Notice';
import { formatDateTime, formatPercent } from '../../../../i18n/format';
import { errorMessages, fmt } from '../../../../i18n/locale';
import { getDictionary } from '../../../../i18n/server';
import { getModel } from '../../../../presenters/analyst';
import { requireUser } from '../../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.modelsTitle };
}

export default async function ModelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser(`/analyst/models/${id}`, ['analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const result = await getModel(id);
  const m = t.models;
  if (!result.ok) {
    return (
      <div className="stack">
        <h1>{t.pages.modelsTitle}</h1>
        <ApiErrorNotice error={result.error} t={t} />
      </div>
    );
  }
  const v = result.data;
  const e = v.metrics.evaluation;
  return (
    <div className="stack">
      <p>
        <Link href="/analyst/models">← {t.pages.modelsTitle}</Link>
      </p>
      <h1>
        {fmt(m.detailTitle, { name: v.name })} <span className="badge badge-info">{m.statuses[v.status] ?? v.status}</span>{' '}
        {v.role !== 'none' ? <span className="badge badge-ok">{m.roles[v.role] ?? v.role}</span> : null}
      </h1>
      <p className="mono muted">{v.id}</p>
      <ModelActions id={v.id} status={v.status} role={v.role} m={m} errors={errorMessages(t)} />
      {!e ? (
        <Empty>{m.noFigures}</Empty>
      ) : (
        <>
          <section aria-labelledby="figures-title">
            <h2 id="figures-title">{m.figures}</h2>
            <dl className="figures">
              <div className="figure figure-primary">
                <dt>{m.auc}</dt>
                <dd>{e.auc.toFixed(3)}</dd>
              </div>
              <div className="figure">
                <dt>{m.gini}</dt>
                <dd>{e.gini.toFixed(3)}</dd>
              </div>
              <div className="figure">
                <dt>{m.ks}</dt>
                <dd>{e.ks.toFixed(3)}</dd>
              </div>
              <div className="figure">
                <dt>{m.brier}</dt>
                <dd>{e.brier.toFixed(4)}</dd>
              </div>
              <div className="figure">
                <dt>{m.n}</dt>
                <dd>{e.n}</dd>
              </div>
              <div className="figure">
                <dt>{m.positives}</dt>
                <dd>{e.positives}</dd>
              </div>
            </dl>
            {e.sample ? (
              <p className="muted">
                {m.sample}: {e.sample}
              </p>
            ) : null}
          </section>
          <div className="charts-2">
            <section className="chart" aria-labelledby="roc-title">
              <h2 id="roc-title">{m.roc}</h2>
              <LineSeriesChart
                testId="chart-roc"
                data={e.roc.map((p) => ({ fpr: p.fpr, tpr: p.tpr }))}
                xKey="fpr"
                numericX
                yDomain={[0, 1]}
                yFormat="plain"
                series={[{ key: 'tpr', label: m.tpr, color: '#0b4f8a' }]}
                diagonal={m.diagonal}
                xLabel={m.fpr}
                summary={`${m.rocSummary} AUC ${e.auc.toFixed(3)}.`}
                height={320}
              />
            </section>
            <section className="chart" aria-labelledby="cal-title">
              <h2 id="cal-title">{m.calibration}</h2>
              <LineSeriesChart
                testId="chart-calibration"
                data={e.reliability.map((b) => ({ predicted: b.meanPredicted, observed: b.observedRate }))}
                xKey="predicted"
                numericX
                yDomain={[0, 1]}
                yFormat="plain"
                series={[{ key: 'observed', label: m.observed, color: '#b3261e' }]}
                diagonal={m.perfect}
                xLabel={m.predicted}
                summary={m.calibrationSummary}
                height={320}
              />
              <details className="data-table">
                <summary>{t.analyst.showTable}</summary>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t.analyst.bin}</th>
                        <th scope="col" className="num">{m.n}</th>
                        <th scope="col" className="num">{m.predicted}</th>
                        <th scope="col" className="num">{m.observed}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {e.reliability.map((b) => (
                        <tr key={b.lower}>
                          <td>
                            {b.lower.toFixed(1)}–{b.upper.toFixed(1)}
                          </td>
                          <td className="num">{b.count}</td>
                          <td className="num">{formatPercent(b.meanPredicted)}</td>
                          <td className="num">{formatPercent(b.observedRate)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </section>
          </div>
          <section aria-labelledby="confusion-title">
            <h2 id="confusion-title">{m.confusion}</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{m.threshold}</th>
                    <th scope="col" className="num">TP</th>
                    <th scope="col" className="num">FP</th>
                    <th scope="col" className="num">TN</th>
                    <th scope="col" className="num">FN</th>
                    <th scope="col" className="num">{m.flagged}</th>
                    <th scope="col" className="num">{m.precision}</th>
                  </tr>
                </thead>
                <tbody>
                  {e.confusion.map((c) => (
                    <tr key={c.threshold}>
                      <td>{c.threshold}</td>
                      <td className="num">{c.tp}</td>
                      <td className="num">{c.fp}</td>
                      <td className="num">{c.tn}</td>
                      <td className="num">{c.fn}</td>
                      <td className="num">{formatPercent(c.flaggedRate)}</td>
                      <td className="num">{formatPercent(c.precision)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      <section aria-labelledby="meta-title">
        <h2 id="meta-title">{m.meta}</h2>
        <dl className="pairs">
          <dt>{m.kind}</dt>
          <dd>{m.kinds[v.kind] ?? v.kind}</dd>
          <dt>{m.modelType}</dt>
          <dd>{v.modelType}</dd>
          <dt>{m.calibrationType}</dt>
          <dd>{v.calibration}</dd>
          <dt>{m.owner}</dt>
          <dd>{v.owner}</dd>
          <dt>{m.createdBy}</dt>
          <dd>{v.createdBy}</dd>
          <dt>{m.created}</dt>
          <dd>{formatDateTime(locale, v.createdAt)}</dd>
          <dt>{m.intendedUse}</dt>
          <dd>{v.intendedUse}</dd>
          <dt>{m.featureSet}</dt>
          <dd>{v.featureSetVersion}</dd>
          <dt>{m.trainingHash}</dt>
          <dd className="mono">{v.trainingDataHash}</dd>
        </dl>
      </section>
    </div>
  );
}
