import type { Metadata } from 'next';
import Link from 'next/link';
import { AutoInvestManager } from '../../../components/AutoInvestManager';
import { ApiErrorNotice, Forbidden } from '../../../components/Notice';
import { errorMessages } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { requireUser } from '../../../presenters/guard';
import { getInvestorStatus, listMandates } from '../../../presenters/lending';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.autoInvest.title };
}

export default async function AutoInvestPage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/investor/auto-invest', ['investor']);
  if (!allowed) return <Forbidden t={t} />;
  const [status, mandates] = await Promise.all([getInvestorStatus(), listMandates()]);
  const a = t.autoInvest;
  const letters = status.ok && status.data.limits ? status.data.limits.gradeLetters : [];
  return (
    <div className="stack">
      <h1>{a.title}</h1>
      <p className="lead">{a.intro}</p>
      {status.ok && !status.data.readyToBid ? (
        <div className="alert alert-warn">
          <p style={{ margin: 0 }}>{t.listing.onboardFirst}</p>
          <Link href="/investor/onboarding">{t.listing.goOnboard}</Link>
        </div>
      ) : null}
      {!mandates.ok ? (
        <ApiErrorNotice error={mandates.error} t={t} />
      ) : (
        <AutoInvestManager mandates={mandates.data.items} gradeLetters={letters.length ? letters : ['A', 'B', 'C', 'D', 'E', 'F', 'G']} a={a} errors={errorMessages(t)} locale={locale} confirmText={a.revokeConfirm} />
      )}
    </div>
  );
}
