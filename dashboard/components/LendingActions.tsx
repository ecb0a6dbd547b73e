'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { fmt, type Dictionary, type Locale } from '../i18n/locale';
import { formatYuan } from '../i18n/format';
import { apiCall, fieldErrors, newIdempotencyKey, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

function useStatus() {
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const fail = (text: string) => {
    setMessage(null);
    setError(text);
    requestAnimationFrame(() => ref.current?.focus());
  };
  const ok = (text: string) => {
    setError(null);
    setMessage(text);
  };
  return { error, message, ref, fail, ok, clear: () => (setError(null), setMessage(null)) };
}

/** Accepting an offer: the application becomes a listing (linter findings shown per field). */
export function CreateListingForm({ applicationId, o, errors }: { applicationId: string; o: Dictionary['offer']; errors: Record<string, string> }) {
  const router = useRouter();
  const s = useStatus();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [listingId, setListingId] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    s.clear();
    setBusy(true);
    const result = await apiCall<{ listingId: string; created: boolean }>('POST', '/api/v1/listings', {
      body: { applicationId, title: String(f.get('title') ?? ''), description: String(f.get('description') ?? ''), repaymentSource: String(f.get('repaymentSource') ?? '') },
    });
    setBusy(false);
    if (!result.ok) {
      const perField = fieldErrors(result.error);
      setFields(perField);
      const list = Object.entries(perField).map(([k, v]) => `${k === 'title' ? o.titleLabel : k === 'description' ? o.description : k === 'repaymentSource' ? o.repaymentSource : k}: ${v}`);
      return s.fail(list.length ? `${o.lintIntro} ${list.join('; ')}` : plainError(result.error, errors));
    }
    setFields({});
    setListingId(result.data.listingId);
    s.ok(result.data.created ? o.created : o.existing);
    router.refresh();
  }

  const input = (name: 'title' | 'description' | 'repaymentSource', label: string, hint: string, textarea = false) => {
    const id = `offer-${name}`;
    const props = { id, name, required: true, 'aria-invalid': fields[name] ? true : undefined, 'aria-describedby': fields[name] ? `${id}-hint ${id}-error` : `${id}-hint` } as const;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {textarea ? <textarea {...props} className="plain-textarea" maxLength={2000} /> : <input {...props} maxLength={name === 'title' ? 60 : 200} />}
        <span id={`${id}-hint`} className="hint">{hint}</span>
        {fields[name] ? <span id={`${id}-error`} className="field-error">{fields[name]}</span> : null}
      </div>
    );
  };

  return (
    <form className="form form-wide" onSubmit={submit} noValidate>
      {input('title', o.titleLabel, o.titleHint)}
      {input('description', o.description, o.descriptionHint, true)}
      {input('repaymentSource', o.repaymentSource, o.repaymentSourceHint)}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? o.submitting : o.submit}
        </button>
        {listingId ? (
          <Link href={`/listings/${listingId}`} data-testid="listing-link">
            {o.view}
          </Link>
        ) : null}
      </div>
      <FormStatus ref={s.ref} error={s.error} message={s.message} />
    </form>
  );
}

/** Verify a contract's hash and signature; the borrower consents to it. */
export function ContractActions({ contractId, canConsent, c, errors }: { contractId: string; canConsent: boolean; c: Dictionary['contracts']; errors: Record<string, string> }) {
  const router = useRouter();
  const s = useStatus();
  const [busy, setBusy] = useState<'verify' | 'consent' | null>(null);

  async function verify() {
    setBusy('verify');
    const result = await apiCall<{ ok: boolean }>('GET', `/api/v1/contracts/${contractId}/verify`);
    setBusy(null);
    if (!result.ok) return s.fail(plainError(result.error, errors));
    if (result.data.ok) s.ok(c.verifiedOk);
    else s.fail(c.verifiedBad);
  }

  async function consent() {
    setBusy('consent');
    const result = await apiCall('POST', `/api/v1/contracts/${contractId}/consent`);
    setBusy(null);
    if (!result.ok) return s.fail(plainError(result.error, errors));
    s.ok(c.consentDone);
    router.refresh();
  }

  return (
    <div className="stack">
      <div className="form-actions">
        <a className="button button-small button-ghost" href={`/api/v1/contracts/${contractId}`} target="_blank" rel="noopener">
          {c.pdf}
        </a>
        <button type="button" className="button button-small button-ghost" onClick={verify} disabled={busy !== null} aria-busy={busy === 'verify'}>
          {busy === 'verify' ? c.verifying : c.verify}
        </button>
        {canConsent ? (
          <button type="button" className="button button-small" onClick={consent} disabled={busy !== null} aria-busy={busy === 'consent'}>
            {busy === 'consent' ? c.consenting : c.consent}
          </button>
        ) : null}
      </div>
      <FormStatus ref={s.ref} error={s.error} message={s.message} />
    </div>
  );
}

/** Repaying a loan: what is due (partial allowed) or the whole loan early. */
export function RepayForm({ loanId, dueNow, l, errors, locale }: { loanId: string; dueNow: string; l: Dictionary['loans']; errors: Record<string, string>; locale: Locale }) {
  const router = useRouter();
  const s = useStatus();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  // With nothing due, paying "what is due" can only be refused: offer early repayment first.
  const [mode, setMode] = useState<'due' | 'early'>(/^0+(\.0+)?$/.test(dueNow) ? 'early' : 'due');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const id = `repay-${loanId}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const amount = String(new FormData(event.currentTarget).get('amount') ?? '').trim();
    s.clear();
    setFieldError(null);
    if (mode === 'due' && (!/^\d{1,13}(\.\d{1,2})?$/.test(amount) || /^0+(\.0+)?$/.test(amount))) {
      setFieldError(l.amountInvalid);
      return s.fail(l.amountInvalid);
    }
    setBusy(true);
    const result = await apiCall<{ amount: string; principal: string; interest: string; fee: string; penalty: string; principalOutstanding: string }>('POST', `/api/v1/loans/${loanId}/repayments`, {
      body: mode === 'due' ? { mode, amount } : { mode },
      idempotencyKey: key.current,
    });
    setBusy(false);
    key.current = newIdempotencyKey();
    if (!result.ok) {
      const f = fieldErrors(result.error);
      if (f.amount) setFieldError(f.amount);
      return s.fail(plainError(result.error, errors));
    }
    const d = result.data;
    s.ok(fmt(l.repaid, { amount: formatYuan(locale, d.amount), principal: formatYuan(locale, d.principal), interest: formatYuan(locale, d.interest), fee: formatYuan(locale, d.fee), penalty: formatYuan(locale, d.penalty), left: formatYuan(locale, d.principalOutstanding) }));
    router.refresh();
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={l.repayTitle}>
      <fieldset className="field">
        <legend>{l.mode}</legend>
        <label className="check">
          <input type="radio" name="mode" value="due" checked={mode === 'due'} onChange={() => setMode('due')} /> {l.modeDue}
        </label>
        <label className="check">
          <input type="radio" name="mode" value="early" checked={mode === 'early'} onChange={() => setMode('early')} /> {l.modeEarly}
        </label>
      </fieldset>
      {mode === 'due' ? (
        <div className="field">
          <label htmlFor={`${id}-amount`}>{l.amount}</label>
          <input id={`${id}-amount`} name="amount" inputMode="decimal" defaultValue={/^0+(\.0+)?$/.test(dueNow) ? '' : dueNow} aria-invalid={fieldError ? true : undefined} aria-describedby={`${id}-hint`} />
          <span id={`${id}-hint`} className="hint">{fmt(l.amountHint, { due: dueNow })}</span>
          {fieldError ? <span className="field-error">{fieldError}</span> : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? l.repaying : l.repay}
        </button>
      </div>
      <FormStatus ref={s.ref} error={s.error} message={s.message} />
    </form>
  );
}
