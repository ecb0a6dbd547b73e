import Link from 'next/link';
import { navigationFor } from '../components/nav';
import { fmt } from '../i18n/locale';
import { getDictionary } from '../i18n/server';
import { getMe } from '../presenters/me';

export default async function HomePage() {
  const [{ t }, me] = await Promise.all([getDictionary(), getMe()]);
  if (me) {
    const groups = navigationFor(me.roles, t);
    return (
      <div className="stack">
        <h1>{fmt(t.home.signedInTitle, { name: me.displayName })}</h1>
        <p className="lead">{t.home.signedInIntro}</p>
        <div className="cards">
          {groups.map((group) => (
            <section key={group.key} className="card" aria-labelledby={`home-${group.key}`}>
              <h2 id={`home-${group.key}`}>{group.label}</h2>
              <ul>
                {group.links.map((link) => (
                  <li key={link.href}>
                    <Link href={link.href}>{link.label}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
        <p className="alert alert-warn risk-warning">{t.home.riskWarning}</p>
      </div>
    );
  }
  return (
    <div className="stack">
      <section className="hero">
        <h1>{t.home.title}</h1>
        <p className="lead">{t.home.intro}</p>
        <div className="row">
          <Link href="/sign-up" className="button">
            {t.home.getStarted}
          </Link>
          <Link href="/sign-in" className="button button-ghost">
            {t.home.haveAccount}
          </Link>
        </div>
      </section>
      <div className="cards">
        <section className="card">
          <h2>{t.home.borrowerCard}</h2>
          <p>{t.home.borrowerCardBody}</p>
        </section>
        <section className="card">
          <h2>{t.home.investorCard}</h2>
          <p>{t.home.investorCardBody}</p>
        </section>
        <section className="card">
          <h2>{t.home.publicCard}</h2>
          <p>{t.home.publicCardBody}</p>
          <p>
            <Link href="/disclosures">{t.nav.disclosures}</Link> · <Link href="/about">{t.nav.about}</Link> · <Link href="/fees">{t.nav.fees}</Link>
          </p>
        </section>
      </div>
      <p className="alert alert-warn risk-warning">{t.home.riskWarning}</p>
    </div>
  );
}
