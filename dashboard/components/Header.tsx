import Link from 'next/link';
import { setLocaleAction } from '../app/actions';
import { fmt, type Dictionary, type Locale } from '../i18n/locale';
import type { Me } from '../presenters/me';
import { navigationFor } from './nav';
import { SignOutButton } from './SignOutButton';

export function Header({ me, t, locale }: { me: Me | null; t: Dictionary; locale: Locale }) {
  const groups = navigationFor(me?.roles ?? [], t);
  return (
    <header className="site-header">
      <div className="header-bar">
        <Link href="/" className="brand">
          {t.appName}
        </Link>
        <div className="header-tools">
          <form action={setLocaleAction} className="locale-form">
            <input type="hidden" name="locale" value={locale === 'zh' ? 'en' : 'zh'} />
            <button type="submit" className="link-button" lang={locale === 'zh' ? 'en' : 'zh'} aria-label={`${t.nav.language}: ${t.nav.switchTo}`}>
              {t.nav.switchTo}
            </button>
          </form>
          {me ? (
            <>
              <span className="user-name" data-testid="header-user">
                <span className="visually-hidden">{fmt(t.nav.signedInAs, { name: '' })}</span>
                {me.displayName}
              </span>
              <SignOutButton label={t.nav.signOut} busyLabel={t.nav.signingOut} />
            </>
          ) : (
            <>
              <Link href="/sign-in" className="button button-small button-ghost">
                {t.nav.signIn}
              </Link>
              <Link href="/sign-up" className="button button-small">
                {t.nav.signUp}
              </Link>
            </>
          )}
        </div>
      </div>
      <nav aria-label={t.nav.label} className="main-nav">
        <details className="nav-details">
          <summary>{t.nav.menu}</summary>
          <NavLists groups={groups} />
        </details>
        <div className="nav-wide">
          <NavLists groups={groups} />
        </div>
      </nav>
    </header>
  );
}

function NavLists({ groups }: { groups: ReturnType<typeof navigationFor> }) {
  return (
    <ul className="nav-groups">
      {groups.map((group) => (
        <li key={group.key} className={`nav-group nav-group-${group.key}`}>
          <span className="nav-group-label">{group.label}</span>
          <ul>
            {group.links.map((link) => (
              <li key={link.href}>
                <Link href={link.href}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
