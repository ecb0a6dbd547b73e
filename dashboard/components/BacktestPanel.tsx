'use client';

import { useRef, useState, type FormEvent } from 'react';
import type { Dictionary } from '../i18n/locale';
import { formatPercent } from '../i18n/format';
import { GroupedBarChart } from './charts/GroupedBarChart';
import { apiCall, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

interface Side {
  approvalRate: number;
  outcomes: Record<string, number>;
  labelled: number;
  badRateAmongApproved: number | null;
}

interface Report {
  records: number;
  skipped: { count: number; applicationIds: string[] };
  candidate: Side;
  live: Side;
  changed: number;
  transitions: Record<string, number>;
}

const OUTCOMES = ['approved', 'counter_offer', 'referred', 'declined'];

export function BacktestPanel({ ruleSetId, r, errors }: { ruleSetId: string; r: Dictionary['rules']; errors: Record<string, string> }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  async function run(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const limit = Number(new FormData(event.currentTarget).get('limit') ?? 5000) || 5000;
    setBusy(true);
    setError(null);
    const result = await apiCall<Report>('POST', `/api/v1/rule-sets/${encodeURIComponent(ruleSetId)}/backtest`, { body: { limit } });
    setBusy(false);
    if (!result.ok) {
      setError(plainError(result.error, errors));
      requestAnimationFrame(() => statusRef.current?.focus());
      return;
    }
    setReport(result.data);
    requestAnimationFrame(() => resultRef.current?.focus());
  }

  const data = report ? OUTCOMES.map((o) => ({ category: r.outcomes[o] ?? o, live: report.live.outcomes[o] ?? 0, candidate: report.candidate.outcomes[o] ?? 0 })) : [];

  return (
    <div className="stack">
      <form className="row" onSubmit={run} noValidate>
        <div className="field">
          <label htmlFor="backtest-limit">{r.backtestLimit}</label>
          <input id="backtest-limit" name="limit" type="number" min={1} max={50000} defaultValue={5000} style={{ maxWidth: '10rem' }} />
        </div>
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy} style={{ alignSelf: 'flex-end' }}>
          {busy ? r.runningBacktest : r.runBacktest}
        </button>
      </form>
      <FormStatus ref={statusRef} error={error} />
      <div aria-live="polite">
        {report ? (
          <section className="stack" data-testid="backtest-result" aria-labelledby="backtest-result-title">
            <h3 id="backtest-result-title" tabIndex={-1}>
              {r.backtestDone.replace('{records}', String(report.records)).replace('{changed}', String(report.changed))}
            </h3>
            {report.skipped.count > 0 ? <p className="muted" data-testid="backtest-skipped">{r.backtestSkipped.replace('{count}', String(report.skipped.count))}</p> : null}
            {report.records === 0 ? (
              <p className="empty">{r.noRecords}</p>
            ) : (
              <>
                <dl className="figures">
                  <div className="figure">
                    <dt>{r.records}</dt>
                    <dd data-testid="backtest-records">{report.records}</dd>
                  </div>
                  <div className="figure">
                    <dt>{r.changed}</dt>
                    <dd data-testid="backtest-changed">{report.changed}</dd>
                  </div>
                  <div className="figure">
                    <dt>
                      {r.approvalRate} ({r.live})
                    </dt>
                    <dd>{formatPercent(report.live.approvalRate)}</dd>
                  </div>
                  <div className="figure figure-primary">
                    <dt>
                      {r.approvalRate} ({r.candidate})
                    </dt>
                    <dd data-testid="backtest-approval">{formatPercent(report.candidate.approvalRate)}</dd>
                  </div>
                  <div className="figure">
                    <dt>
                      {r.badRate} ({r.candidate})
                    </dt>
                    <dd>{formatPercent(report.candidate.badRateAmongApproved)}</dd>
                  </div>
                </dl>
                <div className="chart">
                  <h4>{r.outcomeCounts}</h4>
                  <GroupedBarChart
                    data={data}
                    series={[
                      { key: 'live', label: r.live, color: '#9aa5b1' },
                      { key: 'candidate', label: r.candidate, color: '#0b4f8a' },
                    ]}
                    summary={data.map((d) => `${d.category}: ${r.live} ${d.live}, ${r.candidate} ${d.candidate}`).join('; ')}
                  />
                </div>
                <div className="table-wrap">
                  <table>
                    <caption>{r.transitions}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{r.transition}</th>
                        <th scope="col" className="num">
                          {r.count}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(report.transitions)
                        .sort((a, b) => b[1] - a[1])
                        .map(([key, n]) => {
                          const [from = '', to = ''] = key.split('->');
                          return (
                            <tr key={key}>
                              <td>
                                {r.outcomes[from] ?? from} → {r.outcomes[to] ?? to}
                              </td>
                              <td className="num">{n}</td>
                            </tr>
                          );
                        })}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}
