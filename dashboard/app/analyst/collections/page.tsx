import type { Metadata } from 'next';
import Link from 'next/link';
import { InteractionForm } from '../../../components/AnalystActions';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { formatDateTime, formatYuan } from '../../../i18n/format';
import { errorMessages, fmt } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { getCollectionQueue } from '../../../presenters/analyst';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.collections.title };
}

const STAGES = ['reminder', 'soft', 'calls', 'formal', 'legal'];
const LIMIT = 25;

export default async function CollectionsPage({ searchParams }: { searchParams: Promise<{ stage?: string; offset?: string }> }) {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/analyst/collections', ['analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const sp = await searchParams;
  const stage = STAGES.includes(sp.stage ?? '') ? sp.stage : undefined;
  const offset = Math.max(0, Number.parseInt(sp.offset ?? '0', 10) || 0);
  const result = await getCollectionQueue(stage, LIMIT, offset);
  const c = t.collections;
  const link = (o: number) => `/analyst/collections?${new URLSearchParams({ ...(stage ? { stage } : {}), ...(o ? { offset: String(o) } : {}) })}`;
  return (
    <div className="stack">
      <h1>{c.title}</h1>
      <p className="lead">{c.intro}</p>
      <nav className="row" aria-label={c.stage}>
        {!stage ? <strong aria-current="page">{c.allStages}</strong> : <Link href="/analyst/collections">{c.allStages}</Link>}
        {STAGES.map((s) =>
          s === stage ? (
            <strong key={s} aria-current="page">
              {c.stages[s]}
            </strong>
          ) : (
            <Link key={s} href={`/analyst/collections?stage=${s}`}>
              {c.stages[s]}
            </Link>
          ),
        )}
      </nav>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{c.empty}</Empty>
      ) : (
        <>
          <ul className="case-list" data-testid="collection-cases">
            {result.data.items.map((k) => (
              <li key={k.caseId} className="card">
                <h2 style={{ marginTop: 0 }}>
                  {c.case} <span className="mono">{k.caseId}</span> <span className="badge badge-warn">{c.stages[k.stage] ?? k.stage}</span>
                </h2>
                <dl className="pairs">
                  <dt>{c.loan}</dt>
                  <dd className="mono">{k.loanId}</dd>
                  <dt>{c.dpd}</dt>
                  <dd>
                    <strong className="bad-text">{k.daysPastDue}</strong> · {t.loans.delinquency[k.delinquencyStatus] ?? k.delinquencyStatus}
                  </dd>
                  <dt>{c.outstanding}</dt>
                  <dd>{formatYuan(locale, k.principalOutstanding)}</dd>
                  <dt>{c.assignedTo}</dt>
                  <dd>{k.assignedTo ?? '—'}</dd>
                  <dt>{t.alerts.at}</dt>
                  <dd>{formatDateTime(locale, k.updatedAt)}</dd>
                </dl>
                <details>
                  <summary>{c.record}</summary>
                  <InteractionForm caseId={k.caseId} c={c} errors={errorMessages(t)} />
                </details>
              </li>
            ))}
          </ul>
          <nav className="row" aria-label={fmt(t.common.page, { n: Math.floor(offset / LIMIT) + 1 })}>
            {offset > 0 ? <Link href={link(Math.max(0, offset - LIMIT))}>{t.common.previous}</Link> : null}
            {result.data.items.length >= LIMIT ? <Link href={link(offset + LIMIT)}>{t.common.next}</Link> : null}
          </nav>
        </>
      )}
    </div>
  );
}
