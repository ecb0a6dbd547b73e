import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignUpForm } from '../../components/SignUpForm';
import { errorMessages } from '../../i18n/locale';
import { getDictionary } from '../../i18n/server';
import { getMe } from '../../presenters/me';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.signUp.title };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ role?: string }> }) {
  const [{ t, locale }, me, { role }] = await Promise.all([getDictionary(), getMe(), searchParams]);
  if (me) redirect('/');
  return (
    <section className="card auth-card" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">{t.signUp.title}</h1>
      <SignUpForm labels={t.signUp} errors={errorMessages(t)} locale={locale} defaultRole={role} />
      <p>
        {t.signUp.haveAccount} <Link href="/sign-in">{t.signUp.signInLink}</Link>
      </p>
    </section>
  );
}
