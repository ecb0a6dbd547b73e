'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Dictionary, Locale } from '../i18n/locale';
import { apiCall, fieldErrors, newIdempotencyKey, plainError, type ClientApiError } from './client-api';
import { DecisionResult, type DecisionLike } from './DecisionResult';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

const TERMS = [3, 6, 9, 12, 18, 24, 36, 48, 60];

/** A device id kept in this browser, for the fraud checks (same device, many applicants). */
function deviceId(): string {
  try {
    const existing = localStorage.getItem('p2p_device_id');
    if (existing) return existing;
    const created = `web-${newIdempotencyKey()}`;
    localStorage.setItem('p2p_device_id', created);
    return created;
  } catch {
    return `web-${newIdempotencyKey()}`;
  }
}

function Select({ id, label, options, defaultValue, error }: { id: string; label: string; options: Record<string, string>; defaultValue: string; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={`apply-${id}`}>{label}</label>
      <select id={`apply-${id}`} name={id} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `apply-${id}-error` : undefined}>
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {error ? <span id={`apply-${id}-error`} className="field-error">{error}</span> : null}
    </div>
  );
}

function Input({ id, label, hint, error, children, ...rest }: { id: string; label: string; hint?: string; error?: string; children?: ReactNode } & React.InputHTMLAttributes<HTMLInputElement>) {
  const described = [hint ? `apply-${id}-hint` : null, error ? `apply-${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={`apply-${id}`}>{label}</label>
      <input id={`apply-${id}`} name={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} />
      {hint ? <span id={`apply-${id}-hint`} className="hint">{hint}</span> : null}
      {children}
      {error ? <span id={`apply-${id}-error`} className="field-error">{error}</span> : null}
    </div>
  );
}

export function ApplicationForm({ a, errors, locale, ip }: { a: Dictionary['apply']; errors: Record<string, string>; locale: Locale; ip: string }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<ClientApiError | null>(null);
  const [errorText, setErrorText] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [decision, setDecision] = useState<DecisionLike | null>(null);
  const [otherUnknown, setOtherUnknown] = useState(false);
  const startedAt = useRef<number>(0);
  const statusRef = useRef<HTMLDivElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  useEffect(() => {
    startedAt.current = Date.now();
  }, []);

  useEffect(() => {
    if (decision) document.getElementById('decision-heading')?.focus();
  }, [decision]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const text = (name: string) => String(f.get(name) ?? '').trim();
    const num = (name: string) => Number(text(name) || '0');
    const body = {
      amount: text('amount'),
      termMonths: num('termMonths'),
      purpose: text('purpose'),
      repaymentMethod: text('repaymentMethod'),
      borrowerType: text('borrowerType'),
      monthlyIncome: text('monthlyIncome'),
      monthlyDebtPayments: text('monthlyDebtPayments') || '0',
      declaredOtherPlatformOutstanding: otherUnknown ? null : text('declaredOtherPlatformOutstanding') || '0',
      employment: { status: text('employmentStatus'), occupationClass: text('occupationClass'), yearsEmployed: num('yearsEmployed') },
      housing: { status: text('housingStatus'), yearsAtAddress: Math.round(num('yearsAtAddress')) },
      checkingBalanceBand: text('checkingBalanceBand'),
      savingsBalanceBand: text('savingsBalanceBand'),
      mostValuableAsset: text('mostValuableAsset'),
      guarantor: text('guarantor'),
      dependents: Math.round(num('dependents')),
      nonLocalWorker: f.get('nonLocalWorker') === 'on',
      device: { id: deviceId(), ip },
      formFillSeconds: Math.max(0, Math.round((Date.now() - startedAt.current) / 1000)),
    };
    const { formFillSeconds: _ignored, ...stable } = body;
    const serialized = JSON.stringify(stable);
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    setErrorText(null);
    setFields({});
    setDecision(null);
    const result = await apiCall<DecisionLike>('POST', '/api/v1/applications', { body, idempotencyKey: attempt.current.key });
    setBusy(false);
    if (result.ok) {
      setDecision(result.data);
      attempt.current = null;
      return;
    }
    setError(result.error);
    setErrorText(plainError(result.error, errors));
    const perField: Record<string, string> = {};
    for (const [path, message] of Object.entries(fieldErrors(result.error))) {
      const key = path.replace(/^employment\.status$/, 'employmentStatus').replace(/^housing\.status$/, 'housingStatus').split('.').pop() ?? path;
      perField[key] = message;
    }
    setFields(perField);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  return (
    <>
      <form className="form form-wide" onSubmit={onSubmit} noValidate aria-describedby="apply-status">
        <fieldset className="section">
          <legend>{a.sectionLoan}</legend>
          <div className="grid-2">
            <Input id="amount" label={a.amount} hint={a.amountHint} error={fields.amount} inputMode="decimal" required defaultValue="20000" />
            <div className="field">
              <label htmlFor="apply-termMonths">{a.termMonths}</label>
              <select id="apply-termMonths" name="termMonths" defaultValue="12">
                {TERMS.map((n) => (
                  <option key={n} value={n}>
                    {a.months.replace('{n}', String(n))}
                  </option>
                ))}
              </select>
            </div>
            <Select id="purpose" label={a.purpose} options={a.purposes} defaultValue="education" error={fields.purpose} />
            <Select id="repaymentMethod" label={a.repaymentMethod} options={a.repaymentMethods} defaultValue="equal_installment" />
            <Select id="borrowerType" label={a.borrowerType} options={a.borrowerTypes} defaultValue="individual" />
          </div>
        </fieldset>
        <fieldset className="section">
          <legend>{a.sectionIncome}</legend>
          <div className="grid-2">
            <Input id="monthlyIncome" label={a.monthlyIncome} error={fields.monthlyIncome} inputMode="decimal" required defaultValue="" />
            <Input id="monthlyDebtPayments" label={a.monthlyDebtPayments} error={fields.monthlyDebtPayments} inputMode="decimal" defaultValue="0" />
          </div>
          <Input
            id="declaredOtherPlatformOutstanding"
            label={a.otherPlatform}
            hint={a.otherPlatformHint}
            error={fields.declaredOtherPlatformOutstanding}
            inputMode="decimal"
            defaultValue="0"
            disabled={otherUnknown}
          >
            <label className="check">
              <input type="checkbox" checked={otherUnknown} onChange={(e) => setOtherUnknown(e.target.checked)} /> {a.otherPlatformUnknown}
            </label>
          </Input>
        </fieldset>
        <fieldset className="section">
          <legend>{a.sectionWork}</legend>
          <div className="grid-2">
            <Select id="employmentStatus" label={a.employmentStatus} options={a.employmentStatuses} defaultValue="employed" error={fields.employmentStatus} />
            <Select id="occupationClass" label={a.occupationClass} options={a.occupationClasses} defaultValue="skilled" />
            <Input id="yearsEmployed" label={a.yearsEmployed} error={fields.yearsEmployed} type="number" min={0} max={60} step={0.5} defaultValue="3" />
          </div>
        </fieldset>
        <fieldset className="section">
          <legend>{a.sectionHome}</legend>
          <div className="grid-2">
            <Select id="housingStatus" label={a.housingStatus} options={a.housingStatuses} defaultValue="rent" />
            <Input id="yearsAtAddress" label={a.yearsAtAddress} error={fields.yearsAtAddress} type="number" min={0} max={100} step={1} defaultValue="2" />
            <Select id="checkingBalanceBand" label={a.checkingBalanceBand} options={a.checkingBands} defaultValue="0_to_200" />
            <Select id="savingsBalanceBand" label={a.savingsBalanceBand} options={a.savingsBands} defaultValue="100_to_500" />
            <Select id="mostValuableAsset" label={a.mostValuableAsset} options={a.assets} defaultValue="car_other" />
          </div>
        </fieldset>
        <fieldset className="section">
          <legend>{a.sectionOther}</legend>
          <div className="grid-2">
            <Select id="guarantor" label={a.guarantor} options={a.guarantors} defaultValue="none" />
            <Input id="dependents" label={a.dependents} error={fields.dependents} type="number" min={0} max={20} step={1} defaultValue="0" />
          </div>
          <label className="check">
            <input type="checkbox" name="nonLocalWorker" /> {a.nonLocalWorker}
          </label>
        </fieldset>
        <FormStatus ref={statusRef} id="apply-status" error={errorText} message={busy ? a.submitting : null} />
        {error?.code === 'KYC_REQUIRED' ? (
          <p>
            <Link href="/borrower/kyc" className="button button-ghost">
              {a.kycLink}
            </Link>
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
            {busy ? a.submitting : a.submit}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {decision ? (
          <div className="stack">
            <DecisionResult decision={decision} a={a} locale={locale} headingId="decision-heading" />
            <p>
              <Link href="/borrower/applications">{a.viewApplications}</Link>
            </p>
          </div>
        ) : null}
      </div>
    </>
  );
}
