import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiErrorNotice, Forbidden } from '../../../components/Notice';
import { AcknowledgmentForm, RiskAssessmentForm } from '../../../components/OnboardingForms';
import { formatDateTime, formatYuan } from '../../../i18n/format';
import { errorMessages, fmt } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { requireUser } from '../../../presenters/guard';
import { getInvestorStatus } from '../../../presenters/lending';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.onboarding.title };
}

export default async function OnboardingPage() {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/investor/onboarding', ['investor']);
  if (!allowed) return <Forbidden t={t} />;
  const status = await getInvestorStatus();
  const o = t.onboarding;
  return (
    <div className="stack narrow">
      <h1>{o.title}</h1>
      <p className="lead">{o.intro}</p>
      {!status.ok ? (
        <ApiErrorNotice error={status.error} t={t} />
      ) : (
        <>
          <section aria-labelledby="status-title" className="card" data-testid="onboarding-status">
            <h2 id="status-title">{o.status}</h2>
            <p className={status.data.readyToBid ? 'alert alert-ok' : 'alert alert-warn'} data-testid="onboarding-ready">
              {status.data.readyToBid ? o.ready : o.notReady}
            </p>
            {status.data.assessed ? (
              <dl className="pairs">
                <dt>{o.tier}</dt>
                <dd data-testid="tier">{o.tiers[status.data.tier ?? ''] ?? status.data.tier}</dd>
                <dt>{o.score}</dt>
                <dd>{status.data.score}</dd>
                <dt>{o.assessedAt}</dt>
                <dd>{formatDateTime(locale, status.data.assessedAt)}</dd>
                {status.data.limits ? (
                  <>
                    <dt>{o.allowedGrades}</dt>
                    <dd>{status.data.limits.gradeLetters.join(', ')}</dd>
                    <dt>{o.maxPerLoan}</dt>
                    <dd>{formatYuan(locale, status.data.limits.maxPerLoan)}</dd>
                    <dt>{o.maxTotal}</dt>
                    <dd>{formatYuan(locale, status.data.limits.maxTotal)}</dd>
                  </>
                ) : null}
              </dl>
            ) : (
              <p>{o.notAssessed}</p>
            )}
            {status.data.readyToBid ? (
              <p>
                <Link href="/investor/marketplace">{t.nav.marketplace}</Link> · <Link href="/investor/custody">{t.nav.custody}</Link>
              </p>
            ) : null}
          </section>
          <section aria-labelledby="assess-title">
            <h2 id="assess-title">{o.stepAssess}</h2>
            <RiskAssessmentForm o={o} errors={errorMessages(t)} retake={status.data.assessed} />
          </section>
          {status.data.assessed ? (
            <section aria-labelledby="ack-title">
              <h2 id="ack-title">{o.stepAck}</h2>
              {status.data.acknowledgment.acknowledged ? <p className="ok-text">{fmt(o.acknowledged, { v: status.data.acknowledgment.currentVersion })}</p> : null}
              <AcknowledgmentForm o={o} errors={errorMessages(t)} version={status.data.acknowledgment.currentVersion} assetGuard={status.data.assetGuardEnabled} />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
