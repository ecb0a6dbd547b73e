import type { Metadata } from 'next';
import { ApiErrorNotice, Forbidden } from '../../../components/Notice';
import { formatDateTime } from '../../../i18n/format';
import { getDictionary } from '../../../i18n/server';
import { getCompliance } from '../../../presenters/admin';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.admin.complianceTitle };
}

export default async function CompliancePage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/admin/compliance', ['admin']);
  if (!allowed) return <Forbidden t={t} />;
  const result = await getCompliance();
  const statusLabel = { pass: t.admin.statusPass, fail: t.admin.statusFail, info: t.admin.statusInfo } as const;
  return (
    <div className="stack">
      <h1>{t.admin.complianceTitle}</h1>
      <p className="lead">{t.admin.complianceIntro}</p>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : (
        <>
          <p role="status">
            {t.admin.complianceSummary.replace('{passed}', String(result.data.passed)).replace('{failed}', String(result.data.failed))} · {formatDateTime(locale, result.data.checkedAt)}
          </p>
          <div className="table-wrap">
            <table className="compliance-table">
              <caption className="visually-hidden">{t.admin.complianceTitle}</caption>
              <colgroup>
                <col className="requirement-col" />
                <col className="check-col" />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t.admin.requirement}</th>
                  <th scope="col">{t.admin.check}</th>
                  <th scope="col">{t.admin.evidence}</th>
                </tr>
              </thead>
              <tbody>
                {result.data.results.map((r) => (
                  <tr key={r.id} data-status={r.status}>
                    <td className="nowrap">
                      <strong>{statusLabel[r.status]}</strong> · {r.requirement}
                    </td>
                    <td>{r.title}</td>
                    <td>{r.evidence}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
