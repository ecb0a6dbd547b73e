'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { apiCall, fieldErrors, newIdempotencyKey, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import type { Dictionary } from '../i18n/locale';
import { useHydrated } from './use-hydrated';

interface KycResult {
  status: 'verified' | 'failed';
  failureReason: string | null;
}

export function KycForm({ labels, errors }: { labels: Dictionary['kyc']; errors: Record<string, string> }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [livenessToken, setLivenessToken] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  function fail(text: string, perField: Record<string, string> = {}) {
    setBusy(false);
    setError(text);
    setFields(perField);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setMessage(null);
    if (!livenessToken) return fail(labels.livenessNeeded, { livenessToken: labels.livenessNeeded });
    const body = {
      name: String(form.get('name') ?? '').trim(),
      idNumber: String(form.get('idNumber') ?? '').trim().toUpperCase(),
      phone: String(form.get('phone') ?? '').trim(),
      livenessToken,
    };
    // The same body retried (e.g. after a network error) reuses its key; a changed body gets a new one.
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: newIdempotencyKey() };
    setBusy(true);
    const result = await apiCall<KycResult>('POST', '/api/v1/me/kyc', { body, idempotencyKey: attempt.current.key });
    if (result.ok) {
      setBusy(false);
      setMessage(labels.success);
      router.refresh();
      return;
    }
    const failed = result.body as KycResult | undefined;
    if (result.status === 422 && failed?.failureReason) return fail(labels.failed.replace('{reason}', labels.failureReasons[failed.failureReason] ?? failed.failureReason));
    return fail(plainError(result.error, errors), fieldErrors(result.error));
  }

  const invalid = (name: string) => (fields[name] ? true : undefined);
  const describedBy = (name: string, hint?: string) => [hint, fields[name] ? `kyc-${name}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (name: string) => (fields[name] ? <span id={`kyc-${name}-error`} className="field-error">{fields[name]}</span> : null);

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="kyc-name">{labels.name}</label>
        <input id="kyc-name" name="name" autoComplete="name" required maxLength={40} aria-invalid={invalid('name')} aria-describedby={describedBy('name')} />
        {fieldError('name')}
      </div>
      <div className="field">
        <label htmlFor="kyc-idNumber">{labels.idNumber}</label>
        <input id="kyc-idNumber" name="idNumber" required maxLength={18} inputMode="text" autoCapitalize="characters" spellCheck={false} aria-invalid={invalid('idNumber')} aria-describedby={describedBy('idNumber', 'kyc-idNumber-hint')} />
        <span id="kyc-idNumber-hint" className="hint">{labels.idNumberHint}</span>
        {fieldError('idNumber')}
      </div>
      <div className="field">
        <label htmlFor="kyc-phone">{labels.phone}</label>
        <input id="kyc-phone" name="phone" type="tel" autoComplete="tel-national" inputMode="numeric" required maxLength={11} aria-invalid={invalid('phone')} aria-describedby={describedBy('phone', 'kyc-phone-hint')} />
        <span id="kyc-phone-hint" className="hint">{labels.phoneHint}</span>
        {fieldError('phone')}
      </div>
      <div className="field">
        <span className="field-label" id="kyc-liveness-label">{labels.liveness}</span>
        {livenessToken ? (
          <p className="ok-text" role="status">✓ {labels.livenessDone}</p>
        ) : (
          <button type="button" className="button button-ghost" aria-describedby={describedBy('livenessToken')} onClick={() => setLivenessToken(`sim-${newIdempotencyKey()}`)}>
            {labels.livenessStart}
          </button>
        )}
        {fieldError('livenessToken')}
      </div>
      <FormStatus ref={statusRef} error={error} message={message} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? labels.submitting : labels.submit}
        </button>
      </div>
    </form>
  );
}
