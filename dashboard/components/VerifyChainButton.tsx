'use client';

import { useRef, useState } from 'react';
import { apiCall, plainError } from './client-api';

type Verification = { ok: true; rowsChecked: number; headHash: string } | { ok: false; rowsChecked: number; brokenAtSeq: string; reason: string };

export function VerifyChainButton({ labels, errors }: { labels: { verify: string; verifying: string; chainOk: string; chainBroken: string }; errors: Record<string, string> }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const output = useRef<HTMLDivElement>(null);

  async function verify() {
    setBusy(true);
    setResult(null);
    const response = await apiCall<Verification>('GET', '/api/v1/admin/audit/verify');
    setBusy(false);
    if (!response.ok) setResult({ ok: false, text: plainError(response.error, errors) });
    else if (response.data.ok) setResult({ ok: true, text: labels.chainOk.replace('{rows}', String(response.data.rowsChecked)) });
    else setResult({ ok: false, text: labels.chainBroken.replace('{seq}', String(response.data.brokenAtSeq)).replace('{reason}', response.data.reason) });
    requestAnimationFrame(() => output.current?.focus());
  }

  return (
    <div className="stack">
      <button type="button" className="button" onClick={verify} disabled={busy} aria-busy={busy}>
        {busy ? labels.verifying : labels.verify}
      </button>
      <div ref={output} tabIndex={-1} role="status" aria-live="polite" data-testid="chain-result" className={result ? `alert ${result.ok ? 'alert-ok' : 'alert-error'}` : 'visually-hidden'}>
        {result?.text ?? ''}
      </div>
    </div>
  );
}
