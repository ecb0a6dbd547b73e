import type { Metadata } from 'next';
import Link from 'next/link';
import { KycForm } from '../../../components/KycForm';
import { ApiErrorNotice, Forbidden } from '../../../components/Notice';
import { formatDateTime } from '../../../i18n/format';
import { errorMessages } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { getKyc } from '../../../presenters/borrower';
import { requireUser } from '../../../presenters/guard';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.kycTitle };
}

export default async function KycPage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/borrower/kyc', ['borrower', 'investor']);
  if (!allowed) return <Forbidden t={t} />;
  const kyc = await getKyc();
  return (
    <div className="stack narrow">
      <h1>{t.pages.kycTitle}</h1>
      {!kyc.ok ? (
        <ApiErrorNotice error={kyc.error} t={t} />
      ) : kyc.data.verified ? (
        <section className="card" aria-labelledby="kyc-verified" data-testid="kyc-verified">
          <h2 id="kyc-verified">✓ {t.kyc.verifiedTitle}</h2>
          <p>{t.kyc.verifiedBody}</p>
          <dl className="pairs">
            <dt>{t.kyc.maskedName}</dt>
            <dd>{kyc.data.name}</dd>
            <dt>{t.kyc.maskedId}</dt>
            <dd className="mono">{kyc.data.idNumber}</dd>
            <dt>{t.kyc.maskedPhone}</dt>
            <dd className="mono">{kyc.data.phone}</dd>
            <dt>{t.kyc.verifiedAt}</dt>
            <dd>{formatDateTime(locale, kyc.data.verifiedAt)}</dd>
          </dl>
          <p>
            <Link href="/borrower/apply" className="button">
              {t.kyc.goApply}
            </Link>
          </p>
        </section>
      ) : (
        <>
          <p className="lead">{t.pages.kycIntro}</p>
          <KycForm labels={t.kyc} errors={errorMessages(t)} />
        </>
      )}
    </div>
  );
}
