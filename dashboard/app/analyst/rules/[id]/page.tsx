import type { Metadata } from 'next';
import Link from 'next/link';
import { ApprovePanel } from '../../../../components/ApprovePanel';
import { BacktestPanel } from '../../../../components/BacktestPanel';
import { ApiErrorNotice, Forbidden } from '../../../../components/Notice';
import { RuleEditor } from '../../../../components/RuleEditor';
import { formatDateTime } from '../../../../i18n/format';
import { errorMessages } from '../../../../i18n/locale';
import { getDictionary } from '../../../../i18n/server';
import { requireUser } from '../../../../presenters/guard';
import { getRuleSet } from '../../../../presenters/rules';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const [{ t }, { id }] = await Promise.all([getDictionary(), params]);
  return { title: `${id} · ${t.pages.rulesTitle}` };
}

export default async function RuleSetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { t, locale } = await getDictionary();
  const { allowed, me } = await requireUser(`/analyst/rules/${id}`, ['analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const result = await getRuleSet(id);
  const r = t.rules;
  if (!result.ok) {
    return (
      <div className="stack">
        <h1>{id}</h1>
        <ApiErrorNotice error={result.error} t={t} />
        <Link href="/analyst/rules">{t.common.back}</Link>
      </div>
    );
  }
  const set = result.data;
  const errors = errorMessages(t);
  return (
    <div className="stack">
      <p>
        <Link href="/analyst/rules">← {t.pages.rulesTitle}</Link>
      </p>
      <h1>
        <span className="mono">{set.id}</span> · {set.name}
      </h1>
      <p className="row">
        <span className="badge badge-info">{r.kinds[set.kind]}</span>
        <span className="badge badge-warn">{r.statuses[set.status]}</span>
        {set.deployment ? <span className="badge badge-ok">{r.deployments[set.deployment]}</span> : null}
        <span className="muted">
          {r.createdAt}: {formatDateTime(locale, set.createdAt)}
        </span>
      </p>
      <div className="split">
        <section className="card" aria-labelledby="editor-title">
          <h2 id="editor-title">{r.editorTitle}</h2>
          <RuleEditor initial={JSON.stringify(set.definition, null, 2)} r={r} errors={errors} />
        </section>
        <div className="stack">
          <section className="card" aria-labelledby="backtest-title">
            <h2 id="backtest-title">{r.backtestTitle}</h2>
            <p className="muted">{r.backtestIntro}</p>
            <BacktestPanel ruleSetId={set.id} r={r} errors={errors} />
          </section>
          {set.status === 'draft' && me.roles.includes('analyst') ? (
            <section className="card" aria-labelledby="approve-title">
              <h2 id="approve-title">{r.approveTitle}</h2>
              <p className="muted">{r.approveIntro}</p>
              <ApprovePanel ruleSetId={set.id} r={r} errors={errors} />
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
