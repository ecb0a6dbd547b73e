'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import type { Dictionary } from '../i18n/locale';
import { apiCall, fieldErrors, newIdempotencyKey, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

export function ReviewDecisionForm({ reviewId, rv, outcomes, errors }: { reviewId: string; rv: Dictionary['reviews']; outcomes: Record<string, string>; errors: Record<string, string> }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('approved');
  const statusRef = useRef<HTMLDivElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const prefix = `review-${reviewId}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const note = String(f.get('note') ?? '').trim();
    const offeredAmount = String(f.get('offeredAmount') ?? '').trim();
    const body = { outcome, note, ...(outcome === 'counter_offer' && offeredAmount ? { offeredAmount } : {}) };
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    const result = await apiCall('POST', `/api/v1/reviews/${encodeURIComponent(reviewId)}/decide`, { body, idempotencyKey: attempt.current.key });
    setBusy(false);
    if (result.ok) {
      setDone(rv.done.replace('{outcome}', outcomes[outcome] ?? outcome));
      router.refresh();
    } else {
      const perField = fieldErrors(result.error);
      setError([plainError(result.error, errors), ...Object.values(perField)].join(' '));
    }
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <fieldset className="field">
        <legend>{rv.outcome}</legend>
        <div className="row">
          {(['approved', 'counter_offer', 'declined'] as const).map((o) => (
            <label key={o} className="check">
              <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {outcomes[o] ?? o}
            </label>
          ))}
        </div>
      </fieldset>
      {outcome === 'counter_offer' ? (
        <div className="field">
          <label htmlFor={`${prefix}-amount`}>{rv.offeredAmount}</label>
          <input id={`${prefix}-amount`} name="offeredAmount" inputMode="decimal" />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${prefix}-note`}>{rv.note}</label>
        <textarea id={`${prefix}-note`} name="note" className="plain-textarea" rows={3} minLength={5} maxLength={2000} required aria-describedby={`${prefix}-hint`} />
        <span id={`${prefix}-hint`} className="hint">
          {rv.noteHint}
        </span>
      </div>
      <FormStatus ref={statusRef} error={error} message={done} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? rv.submitting : rv.submit}
        </button>
      </div>
    </form>
  );
}
