'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import type { Dictionary } from '../i18n/locale';
import { apiCall, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

export function RunReconciliationForm({ rc, errors, defaultDate }: { rc: Dictionary['reconciliation']; errors: Record<string, string>; defaultDate: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const businessDate = String(new FormData(event.currentTarget).get('businessDate') ?? '');
    setBusy(true);
    setError(null);
    setDone(null);
    const result = await apiCall<{ accountsCompared?: number; mismatches?: unknown[] | number }>('POST', '/api/v1/admin/reconciliation/runs', { body: { businessDate } });
    setBusy(false);
    if (result.ok) {
      const mismatches = Array.isArray(result.data.mismatches) ? result.data.mismatches.length : (result.data.mismatches ?? 0);
      setDone(rc.ran.replace('{date}', businessDate).replace('{accounts}', String(result.data.accountsCompared ?? '—')).replace('{mismatches}', String(mismatches)));
      router.refresh();
    } else setError(plainError(result.error, errors));
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  return (
    <form className="row" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="recon-date">{rc.runDate}</label>
        <input id="recon-date" name="businessDate" type="date" defaultValue={defaultDate} required />
      </div>
      <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy} style={{ alignSelf: 'flex-end' }}>
        {busy ? rc.running : rc.run}
      </button>
      <div style={{ flexBasis: '100%' }}>
        <FormStatus ref={statusRef} error={error} message={done} />
      </div>
    </form>
  );
}

export function ResolveIncidentForm({ incidentId, rc, errors }: { incidentId: string; rc: Dictionary['reconciliation']; errors: Record<string, string> }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const id = `resolve-${incidentId}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const resolution = String(new FormData(event.currentTarget).get('resolution') ?? '').trim();
    if (resolution.length < 10) {
      setError(rc.resolutionHint);
      requestAnimationFrame(() => statusRef.current?.focus());
      return;
    }
    setBusy(true);
    setError(null);
    const result = await apiCall('POST', `/api/v1/admin/reconciliation/incidents/${encodeURIComponent(incidentId)}/resolve`, { body: { resolution } });
    setBusy(false);
    if (result.ok) {
      setDone(rc.resolved);
      router.refresh();
    } else setError(plainError(result.error, errors));
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={id}>{rc.resolution}</label>
        <textarea id={id} name="resolution" className="plain-textarea" rows={2} minLength={10} maxLength={2000} aria-describedby={`${id}-hint`} />
        <span id={`${id}-hint`} className="hint">
          {rc.resolutionHint}
        </span>
      </div>
      <FormStatus ref={statusRef} error={error} message={done} />
      <div className="form-actions">
        <button type="submit" className="button button-small" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? rc.resolving : rc.resolve}
        </button>
      </div>
    </form>
  );
}
