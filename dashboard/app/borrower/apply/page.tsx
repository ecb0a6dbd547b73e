import type { Metadata } from 'next';
import Link from 'next/link';
import { ApplicationForm } from '../../../components/ApplicationForm';
import { ApiErrorNotice, Forbidden } from '../../../components/Notice';
import { errorMessages } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { clientIp, getKyc } from '../../../presenters/borrower';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.applyTitle };
}

export default async function ApplyPage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/borrower/apply', ['borrower']);
  if (!allowed) return <Forbidden t={t} />;
  const [kyc, ip] = await Promise.all([getKyc(), clientIp()]);
  return (
    <div className="stack narrow">
      <h1>{t.pages.applyTitle}</h1>
      <p className="lead">{t.pages.applyIntro}</p>
      {!kyc.ok ? (
        <ApiErrorNotice error={kyc.error} t={t} />
      ) : !kyc.data.verified ? (
        <div className="alert alert-warn">
          <p>{t.apply.kycFirst}</p>
          <Link href="/borrower/kyc" className="button">
            {t.apply.kycLink}
          </Link>
        </div>
      ) : (
        <ApplicationForm a={t.apply} errors={errorMessages(t)} locale={locale} ip={ip} />
      )}
    </div>
  );
}
