'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import type { Dictionary } from '../i18n/locale';
import { apiCall, plainError } from './client-api';
import { FormStatus } from './FormStatus';

export function ApprovePanel({ ruleSetId, r, errors }: { ruleSetId: string; r: Dictionary['rules']; errors: Record<string, string> }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  async function approve(deployment: 'live' | 'shadow') {
    setBusy(true);
    setError(null);
    const result = await apiCall('POST', `/api/v1/rule-sets/${encodeURIComponent(ruleSetId)}/approve`, { body: { deployment } });
    setBusy(false);
    if (result.ok) {
      setDone(r.approved.replace('{id}', ruleSetId).replace('{deployment}', r.deployments[deployment] ?? deployment));
      router.refresh();
    } else {
      setError(plainError(result.error, errors));
    }
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  return (
    <div className="stack">
      <div className="form-actions">
        <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => approve('live')}>
          {busy ? r.approving : r.deployLive}
        </button>
        <button type="button" className="button button-ghost" disabled={busy} onClick={() => approve('shadow')}>
          {r.deployShadow}
        </button>
      </div>
      <FormStatus ref={statusRef} error={error} message={done} />
    </div>
  );
}
