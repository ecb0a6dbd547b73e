'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import type { Dictionary, Locale } from '../i18n/locale';
import { formatDateTime, formatYuan } from '../i18n/format';
import { apiCall, fieldErrors, newIdempotencyKey, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

interface Challenge {
  challengeId: string;
  expiresAt: string;
  movement: 'deposit' | 'withdrawal';
  amount: string;
}

/**
 * Deposit or withdrawal in two steps, as the custodian requires: (1) the amount, for which the
 * bank texts a one-time code; (2) the code, which authorises exactly that movement.
 */
export function CustodyForm({ c, errors, locale, simulated }: { c: Dictionary['custody']; errors: Record<string, string>; locale: Locale; simulated: boolean }) {
  const router = useRouter();
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [simCode, setSimCode] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const key = useRef<string>(newIdempotencyKey());

  const movementLabel = (m: string) => (m === 'deposit' ? c.deposit : c.withdrawal);

  function fail(text: string, perField: Record<string, string> = {}) {
    setError(text);
    setFields(perField);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  async function requestCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const movement = String(f.get('movement')) as Challenge['movement'];
    const amount = String(f.get('amount') ?? '').trim();
    setError(null);
    setFields({});
    setDone(null);
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(amount) || /^0+(\.0+)?$/.test(amount)) return fail(c.amountHint, { amount: c.amountHint });
    setBusy(true);
    const result = await apiCall<Challenge>('POST', '/api/v1/custody/one-time-codes', { body: { movement, amount } });
    setBusy(false);
    if (!result.ok) return fail(plainError(result.error, errors), fieldErrors(result.error));
    setChallenge({ ...result.data, movement });
    setSimCode(null);
    key.current = newIdempotencyKey();
    requestAnimationFrame(() => codeRef.current?.focus());
  }

  async function showSimulated() {
    if (!challenge) return;
    const result = await apiCall<{ code: string }>('GET', `/api/v1/custody/one-time-codes/${encodeURIComponent(challenge.challengeId)}`);
    if (result.ok) setSimCode(result.data.code);
    else fail(plainError(result.error, errors));
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challenge) return;
    const oneTimeCode = String(new FormData(event.currentTarget).get('oneTimeCode') ?? '').trim();
    setError(null);
    setFields({});
    if (!/^\d{6}$/.test(oneTimeCode)) return fail(c.codeHint, { oneTimeCode: c.codeHint });
    setBusy(true);
    const path = challenge.movement === 'deposit' ? '/api/v1/custody/deposits' : '/api/v1/custody/withdrawals';
    const result = await apiCall<{ amount: string; bankReference: string | null }>('POST', path, {
      body: { amount: challenge.amount, challengeId: challenge.challengeId, oneTimeCode },
      idempotencyKey: key.current,
    });
    setBusy(false);
    if (!result.ok) {
      // A wrong code can be corrected and retried; it is a different request, so a new key.
      key.current = newIdempotencyKey();
      return fail(plainError(result.error, errors), fieldErrors(result.error));
    }
    setDone(c.done.replace('{movement}', movementLabel(challenge.movement)).replace('{amount}', formatYuan(locale, result.data.amount)).replace('{ref}', result.data.bankReference ?? '—'));
    setChallenge(null);
    router.refresh();
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  function startOver() {
    setChallenge(null);
    setError(null);
    setFields({});
    requestAnimationFrame(() => amountRef.current?.focus());
  }

  return (
    <div className="stack">
      {!challenge ? (
        <form className="form" onSubmit={requestCode} noValidate>
          <fieldset className="field">
            <legend>{c.movement}</legend>
            <div className="row">
              <label className="check">
                <input type="radio" name="movement" value="deposit" defaultChecked /> {c.deposit}
              </label>
              <label className="check">
                <input type="radio" name="movement" value="withdrawal" /> {c.withdrawal}
              </label>
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="custody-amount">{c.amount}</label>
            <input
              ref={amountRef}
              id="custody-amount"
              name="amount"
              inputMode="decimal"
              required
              aria-invalid={fields.amount ? true : undefined}
              aria-describedby={fields.amount ? 'custody-amount-hint custody-amount-error' : 'custody-amount-hint'}
            />
            <span id="custody-amount-hint" className="hint">{c.amountHint}</span>
            {fields.amount ? <span id="custody-amount-error" className="field-error">{fields.amount}</span> : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
              {busy ? c.requestingCode : c.requestCode}
            </button>
          </div>
        </form>
      ) : (
        <form className="form" onSubmit={confirm} noValidate>
          <p className="alert alert-info" role="status">
            {c.codeSent.replace('{time}', formatDateTime(locale, challenge.expiresAt))}
          </p>
          <div className="field">
            <label htmlFor="custody-code">{c.code}</label>
            <input
              ref={codeRef}
              id="custody-code"
              name="oneTimeCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              aria-invalid={fields.oneTimeCode ? true : undefined}
              aria-describedby="custody-code-hint"
            />
            <span id="custody-code-hint" className="hint">{c.codeHint}</span>
            {fields.oneTimeCode ? <span className="field-error">{fields.oneTimeCode}</span> : null}
          </div>
          {simulated ? (
            <div>
              <button type="button" className="link-button" onClick={showSimulated}>
                {c.showSimulatedCode}
              </button>
              {simCode ? (
                <p className="muted" role="status" data-testid="simulated-code">
                  {c.simulatedCode.replace('{code}', simCode)}
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
              {busy ? c.confirming : c.confirm.replace('{movement}', movementLabel(challenge.movement)).replace('{amount}', formatYuan(locale, challenge.amount))}
            </button>
            <button type="button" className="button button-ghost" onClick={startOver}>
              {c.startOver}
            </button>
          </div>
        </form>
      )}
      <FormStatus ref={statusRef} error={error} message={done} />
    </div>
  );
}
