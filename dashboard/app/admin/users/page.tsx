import type { Metadata } from 'next';
import { GrantRoleForm } from '../../../components/GrantRoleForm';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { Pager } from '../../../components/Pager';
import { formatDateTime } from '../../../i18n/format';
import { errorMessages } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { listUsers, PAGE_SIZE, parseOffset } from '../../../presenters/admin';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.admin.usersTitle };
}

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ offset?: string }> }) {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/admin/users', ['admin']);
  if (!allowed) return <Forbidden t={t} />;
  const offset = parseOffset((await searchParams).offset);
  const result = await listUsers(offset);
  const roleOptions = (['borrower', 'investor', 'analyst', 'admin'] as const).map((value) => ({ value, label: t.roles[value] }));
  return (
    <div className="stack">
      <h1>{t.admin.usersTitle}</h1>
      <p className="lead">{t.admin.usersIntro}</p>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{t.common.emptyList}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t.admin.usersTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.admin.name}</th>
                  <th scope="col">{t.admin.email}</th>
                  <th scope="col">{t.common.status}</th>
                  <th scope="col">{t.admin.roles}</th>
                  <th scope="col">{t.common.createdAt}</th>
                  <th scope="col">{t.admin.grant}</th>
                </tr>
              </thead>
              <tbody>
                {result.data.items.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">{user.displayName}</th>
                    <td>{user.email}</td>
                    <td>
                      <span className={`badge ${user.status === 'active' ? 'badge-ok' : 'badge-bad'}`}>{user.status === 'active' ? t.admin.active : t.admin.disabled}</span>
                    </td>
                    <td>{user.roles.map((role) => t.roles[role] ?? role).join('、')}</td>
                    <td className="nowrap">{formatDateTime(locale, user.createdAt)}</td>
                    <td>
                      <GrantRoleForm
                        userId={user.id}
                        userName={user.displayName}
                        roles={roleOptions.filter((r) => !user.roles.includes(r.value))}
                        labels={{ grant: t.admin.grant, grantLabel: t.admin.grantLabel, granting: t.admin.granting, granted: t.admin.granted }}
                        errors={errorMessages(t)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager basePath="/admin/users" offset={offset} limit={PAGE_SIZE} count={result.data.items.length} t={t} />
        </>
      )}
    </div>
  );
}
