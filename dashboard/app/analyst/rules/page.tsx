import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { formatDateTime, formatPercent } from '../../../i18n/format';
import { getDictionary } from '../../../i18n/server';
import { requireUser } from '../../../presenters/guard';
import { getShadowComparison, listRuleSets } from '../../../presenters/rules';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.rulesTitle };
}

const statusBadge: Record<string, string> = { draft: 'badge-warn', published: 'badge-ok', retired: 'badge-info' };

export default async function RulesPage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/analyst/rules', ['analyst']);
  if (!allowed) return <Forbidden t={t} />;
  const [sets, shadow] = await Promise.all([listRuleSets(), getShadowComparison()]);
  const r = t.rules;
  return (
    <div className="stack">
      <h1>{t.pages.rulesTitle}</h1>
      <p className="lead">{t.pages.rulesIntro}</p>
      {!sets.ok ? (
        <ApiErrorNotice error={sets.error} t={t} />
      ) : sets.data.items.length === 0 ? (
        <Empty>{r.empty}</Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="rule-sets">
            <caption className="visually-hidden">{t.pages.rulesTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{r.id}</th>
                <th scope="col">{r.kind}</th>
                <th scope="col">{r.name}</th>
                <th scope="col">{r.status}</th>
                <th scope="col">{r.createdAt}</th>
                <th scope="col">{r.publishedAt}</th>
              </tr>
            </thead>
            <tbody>
              {sets.data.items.map((set) => (
                <tr key={set.id}>
                  <th scope="row">
                    <Link href={`/analyst/rules/${set.id}`} className="mono">
                      {set.id}
                    </Link>
                  </th>
                  <td>{r.kinds[set.kind] ?? set.kind}</td>
                  <td>
                    {set.name} <span className="muted">v{set.version}</span>
                  </td>
                  <td>
                    <span className={`badge ${statusBadge[set.status] ?? 'badge-info'}`}>{r.statuses[set.status] ?? set.status}</span>{' '}
                    {set.deployment ? <span className="badge badge-info">{r.deployments[set.deployment]}</span> : null}
                  </td>
                  <td className="nowrap">{formatDateTime(locale, set.createdAt)}</td>
                  <td className="nowrap">{formatDateTime(locale, set.publishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="shadow-title">
        <h2 id="shadow-title">{r.shadowTitle}</h2>
        {!shadow.ok ? (
          <ApiErrorNotice error={shadow.error} t={t} />
        ) : shadow.data.items.length === 0 ? (
          <Empty>{r.shadowEmpty}</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{r.kinds.policy}</th>
                  <th scope="col">{r.kinds.fraud}</th>
                  <th scope="col" className="num">{r.decisions}</th>
                  <th scope="col" className="num">{r.agreement}</th>
                  <th scope="col">{r.transitions}</th>
                </tr>
              </thead>
              <tbody>
                {shadow.data.items.map((pair) => (
                  <tr key={`${pair.policyRuleSetId}|${pair.fraudRuleSetId}`}>
                    <td className="mono">{pair.policyRuleSetId}</td>
                    <td className="mono">{pair.fraudRuleSetId}</td>
                    <td className="num">{pair.decisions}</td>
                    <td className="num">{formatPercent(pair.agreementRate)}</td>
                    <td>
                      {Object.entries(pair.transitions)
                        .map(([k, n]) => `${k.split('->').map((o) => r.outcomes[o] ?? o).join(' → ')}: ${n}`)
                        .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
