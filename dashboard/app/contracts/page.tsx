import type { Metadata } from 'next';
import Link from 'next/link';
import { ContractActions } from '../../components/LendingActions';
import { ApiErrorNotice, Empty } from '../../components/Notice';
import { formatDateTime, formatYuan } from '../../i18n/format';
import { errorMessages } from '../../i18n/locale';
import { getDictionary } from '../../i18n/server';
import { requireUser } from '../../presenters/guard';
import { listMyContracts } from '../../presenters/lending';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.contracts.title };
}

/** Contracts for borrowers and lenders: PDF, signature check, and the borrower's consent. */
export default async function ContractsPage() {
  const { t, locale } = await getDictionary();
  const { me } = await requireUser('/contracts');
  const result = await listMyContracts();
  const c = t.contracts;
  return (
    <div className="stack">
      <h1>{c.title}</h1>
      <p className="lead">{c.intro}</p>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{c.empty}</Empty>
      ) : (
        <ul className="app-list" data-testid="contracts">
          {result.data.items.map((k) => {
            const canConsent = k.role === 'borrower' && !k.consented && me.roles.includes('borrower');
            return (
              <li key={k.id} className="app-item" data-testid="contract">
                <div className="row">
                  <strong>
                    <Link href={`/listings/${k.listingId}`}>{k.title}</Link>
                  </strong>
                  <span className={`badge ${k.consented ? 'badge-ok' : 'badge-warn'}`}>{k.consented ? c.consented : c.consentNeeded}</span>
                </div>
                <dl className="pairs">
                  <dt>{c.role}</dt>
                  <dd>{c.roles[k.role] ?? k.role}</dd>
                  <dt>{c.principal}</dt>
                  <dd>{formatYuan(locale, k.principal)}</dd>
                  <dt>{t.common.createdAt}</dt>
                  <dd>{formatDateTime(locale, k.createdAt)}</dd>
                  <dt>{c.sha}</dt>
                  <dd className="mono">{k.sha256}</dd>
                </dl>
                {canConsent ? <p className="muted">{c.consentIntro}</p> : null}
                <ContractActions contractId={k.id} canConsent={canConsent} c={c} errors={errorMessages(t)} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
