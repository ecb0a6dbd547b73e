import type { Metadata } from 'next';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { Pager } from '../../../components/Pager';
import { VerifyChainButton } from '../../../components/VerifyChainButton';
import { formatDateTime } from '../../../i18n/format';
import { errorMessages } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { listAudit, PAGE_SIZE, parseOffset } from '../../../presenters/admin';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.admin.auditTitle };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ offset?: string }> }) {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/admin/audit', ['admin']);
  if (!allowed) return <Forbidden t={t} />;
  const offset = parseOffset((await searchParams).offset);
  const result = await listAudit(offset);
  return (
    <div className="stack">
      <h1>{t.admin.auditTitle}</h1>
      <p className="lead">{t.admin.auditIntro}</p>
      <VerifyChainButton
        labels={{ verify: t.admin.verify, verifying: t.admin.verifying, chainOk: t.admin.chainOk, chainBroken: t.admin.chainBroken }}
        errors={errorMessages(t)}
      />
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{t.common.emptyList}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t.admin.auditTitle}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">{t.admin.seq}</th>
                  <th scope="col">{t.admin.at}</th>
                  <th scope="col">{t.admin.action}</th>
                  <th scope="col">{t.admin.actor}</th>
                  <th scope="col">{t.admin.subject}</th>
                  <th scope="col">{t.admin.hash}</th>
                </tr>
              </thead>
              <tbody>
                {result.data.items.map((row) => (
                  <tr key={row.id}>
                    <td className="num">{row.seq}</td>
                    <td className="nowrap">{formatDateTime(locale, row.at)}</td>
                    <td className="mono">{row.action}</td>
                    <td className="mono">{row.actorId ?? '—'}</td>
                    <td className="mono">
                      {row.subjectType}
                      {row.subjectId ? `:${row.subjectId}` : ''}
                    </td>
                    <td className="mono" title={row.hash}>
                      {row.hash.slice(0, 12)}…
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager basePath="/admin/audit" offset={offset} limit={PAGE_SIZE} count={result.data.items.length} t={t} />
        </>
      )}
    </div>
  );
}
