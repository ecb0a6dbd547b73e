'use client';

import { useRef, useState, type FormEvent } from 'react';
import type { Dictionary, Locale } from '../i18n/locale';
import { apiCall, newIdempotencyKey, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

interface Explanation {
  reviewId: string;
  status: 'open' | 'decided';
  outcome: string;
  reasons: Array<{ code: string; message: { zh: string; en: string }; source: string }>;
  checksFailed: Array<{ rule: string; code: string; values: Array<{ fact: string; value: unknown; threshold: unknown }> }>;
  modelFactors: Array<{ feature: string; message: { zh: string; en: string } }>;
}

export function ExplanationRequest({ applicationId, labels, errors, locale }: { applicationId: string; labels: Dictionary['applications']; errors: Record<string, string>; locale: Locale }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const key = useRef(newIdempotencyKey());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    setBusy(true);
    setError(null);
    const result = await apiCall<Explanation>('POST', `/api/v1/applications/${encodeURIComponent(applicationId)}/explanation-request`, { body: { note }, idempotencyKey: key.current });
    setBusy(false);
    if (result.ok) {
      setExplanation(result.data);
      requestAnimationFrame(() => resultRef.current?.focus());
    } else {
      if (result.error.code === 'VALIDATION') key.current = newIdempotencyKey();
      setError(plainError(result.error, errors));
      requestAnimationFrame(() => statusRef.current?.focus());
    }
  }

  if (explanation) {
    return (
      <section className="card" aria-labelledby="explanation-heading" data-testid="explanation">
        <h3 id="explanation-heading" tabIndex={-1}>
          {labels.reviewOpen}
        </h3>
        <p role="status">{labels.explainDone}</p>
        {explanation.reasons.length > 0 ? (
          <ol className="reasons">
            {explanation.reasons.map((r) => (
              <li key={r.code}>{r.message[locale]}</li>
            ))}
          </ol>
        ) : null}
        {explanation.checksFailed.length > 0 ? (
          <>
            <h4>{labels.checksFailed}</h4>
            <ul>
              {explanation.checksFailed.map((check) => (
                <li key={check.rule}>
                  <span className="mono">{check.code}</span>:{' '}
                  {check.values.map((v) => `${v.fact} = ${JSON.stringify(v.value)} (${JSON.stringify(v.threshold)})`).join('; ')}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {explanation.modelFactors.length > 0 ? (
          <>
            <h4>{labels.modelFactors}</h4>
            <ul>
              {explanation.modelFactors.map((f) => (
                <li key={f.feature}>{f.message[locale]}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="explain-note">{labels.note}</label>
        <textarea id="explain-note" name="note" required maxLength={2000} rows={3} className="plain-textarea" aria-describedby="explain-note-hint" />
        <span id="explain-note-hint" className="hint">
          {labels.noteHint}
        </span>
      </div>
      <FormStatus ref={statusRef} error={error} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? labels.explainSubmitting : labels.explainSubmit}
        </button>
      </div>
    </form>
  );
}
