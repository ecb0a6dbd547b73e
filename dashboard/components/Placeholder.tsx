import { Forbidden } from './Notice';
import { getDictionary } from '../i18n/server';
import { requireUser } from '../presenters/guard';
import type { Role } from '../presenters/me';

/** A role page whose API has not landed yet: the title, what it is for, and a plain notice. */
export async function PlaceholderPage({ path, roles, title, intro }: { path: string; roles: Role[]; title: string; intro: string }) {
  const { t } = await getDictionary();
  if (roles.length > 0) {
    const { allowed } = await requireUser(path, roles);
    if (!allowed) return <Forbidden t={t} />;
  }
  return (
    <div className="stack">
      <h1>{title}</h1>
      <p className="lead">{intro}</p>
      <p className="empty">{t.common.notAvailable}</p>
    </div>
  );
}
