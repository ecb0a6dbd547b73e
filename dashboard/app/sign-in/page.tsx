import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { safeNextPath } from '../../components/paths';
import { SignInForm } from '../../components/SignInForm';
import { errorMessages } from '../../i18n/locale';
import { getDictionary } from '../../i18n/server';
import { getMe } from '../../presenters/me';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.signIn.title };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const [{ t }, me, { next }] = await Promise.all([getDictionary(), getMe(), searchParams]);
  if (me) redirect(safeNextPath(next));
  return (
    <section className="card auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t.signIn.title}</h1>
      <SignInForm labels={t.signIn} errors={errorMessages(t)} next={next} />
      <p>
        {t.signIn.noAccount} <Link href="/sign-up">{t.signIn.signUpLink}</Link>
      </p>
    </section>
  );
}
