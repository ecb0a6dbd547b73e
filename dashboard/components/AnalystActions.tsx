'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fmt, type Dictionary } from '../i18n/locale';
import { apiCall, newIdempotencyKey, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

function useStatus() {
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  return {
    error,
    message,
    ref,
    fail: (text: string) => {
      setMessage(null);
      setError(text);
      requestAnimationFrame(() => ref.current?.focus());
    },
    ok: (text: string) => {
      setError(null);
      setMessage(text);
    },
    clear: () => {
      setError(null);
      setMessage(null);
    },
  };
}

interface JobState {
  state: string;
  progress: unknown;
  failedReason: string | null;
  modelVersionId: string;
}

/** Starts a retraining job and polls its progress every two seconds until it ends. */
export function RetrainPanel({ m, errors }: { m: Dictionary['models']; errors: Record<string, string> }) {
  const s = useStatus();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<JobState | null>(null);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    const controller = new AbortController();
    const tick = async () => {
      const result = await apiCall<JobState>('GET', `/api/v1/models/retrain/${jobId}`, { signal: controller.signal }).catch(() => null);
      if (stopped || !result) return;
      if (result.ok) {
        setJob(result.data);
        if (result.data.state === 'completed' || result.data.state === 'failed') return;
      }
      timer = setTimeout(tick, 2000);
    };
    let timer = setTimeout(tick, 0);
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [jobId]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    s.clear();
    setBusy(true);
    const result = await apiCall<{ jobId: string; modelVersionId: string }>('POST', '/api/v1/models/retrain', { body: { kind: f.get('kind'), name: String(f.get('name') ?? '').trim() }, idempotencyKey: newIdempotencyKey() });
    setBusy(false);
    if (!result.ok) return s.fail(plainError(result.error, errors));
    setJob(null);
    setJobId(result.data.jobId);
  }

  // BullMQ progress is { percent, stage } from the training sandbox (a bare number from older jobs).
  const raw = job?.progress;
  const percentRaw = typeof raw === 'number' ? (raw <= 1 ? raw * 100 : raw) : raw && typeof raw === 'object' && 'percent' in raw ? Number((raw as { percent: number }).percent) : 0;
  const progress = job?.state === 'completed' ? 1 : Math.min(100, Math.max(0, percentRaw)) / 100;
  return (
    <div className="stack">
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="retrain-kind">{m.kind}</label>
          <select id="retrain-kind" name="kind" defaultValue="credit">
            <option value="credit">{m.kinds.credit}</option>
            <option value="fraud">{m.kinds.fraud}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="retrain-name">{m.retrainName}</label>
          <input id="retrain-name" name="name" required maxLength={80} defaultValue="retrained" />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !hydrated || (!!jobId && job?.state !== 'completed' && job?.state !== 'failed')} aria-busy={busy}>
            {busy ? m.retrainStarting : m.retrainStart}
          </button>
        </div>
      </form>
      {jobId ? (
        <div role="status" aria-live="polite" data-testid="retrain-status">
          <p>{fmt(m.retrainState, { state: m.retrainStates[job?.state ?? 'waiting'] ?? job?.state ?? '', p: `${Math.round(Math.min(1, Math.max(0, progress)) * 100)}%` })}</p>
          <progress max={100} value={Math.round(Math.min(1, Math.max(0, progress)) * 100)} aria-label={m.retrain} style={{ width: '100%' }} />
          {job?.state === 'completed' ? (
            <p className="ok-text">
              {fmt(m.retrainDone, { id: job.modelVersionId })} <Link href={`/analyst/models/${job.modelVersionId}`}>{m.openVersion}</Link>
            </p>
          ) : null}
          {job?.state === 'failed' ? <p className="bad-text">{fmt(m.retrainFailed, { reason: job.failedReason ?? '—' })}</p> : null}
        </div>
      ) : null}
      <FormStatus ref={s.ref} error={s.error} message={s.message} />
    </div>
  );
}

/** Validation, four-eyes promotion (request, then a second analyst approves) and retirement. */
export function ModelActions({ id, status, role, m, errors }: { id: string; status: string; role: string; m: Dictionary['models']; errors: Record<string, string> }) {
  const router = useRouter();
  const s = useStatus();
  const [busy, setBusy] = useState(false);
  async function run(path: string, done: string) {
    s.clear();
    setBusy(true);
    const result = await apiCall('POST', `/api/v1/models/${id}/${path}`);
    setBusy(false);
    // The API refuses self-approval as FORBIDDEN; say why rather than "not allowed".
    if (!result.ok) return s.fail(path === 'approve-promotion' && result.error.code === 'FORBIDDEN' ? m.selfApprovalRefused : plainError(result.error, errors));
    s.ok(done);
    router.refresh();
  }
  return (
    <div className="stack">
      <div className="form-actions">
        {status === 'draft' ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void run('validate', m.validated)}>
            {m.validate}
          </button>
        ) : null}
        {status === 'validated' ? (
          <>
            <button type="button" className="button button-small" disabled={busy} onClick={() => void run('promotion-requests', m.promotionRequested)}>
              {m.requestPromotion}
            </button>
            <button type="button" className="button button-small button-ghost" disabled={busy} onClick={() => void run('approve-promotion', m.promotionApproved)} aria-describedby="approve-note">
              {m.approvePromotion}
            </button>
          </>
        ) : null}
        {role !== 'champion' && status !== 'retired' ? (
          <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void run('retire', m.retired)}>
            {m.retire}
          </button>
        ) : null}
      </div>
      {status === 'validated' ? (
        <p id="approve-note" className="hint muted">
          {m.approveNote}
        </p>
      ) : null}
      {busy ? <p className="muted">{m.working}</p> : null}
      <FormStatus ref={s.ref} error={s.error} message={s.message} />
    </div>
  );
}

/** Recording a collection contact; a refusal by the guards is explained in plain words. */
export function InteractionForm({ caseId, c, errors }: { caseId: string; c: Dictionary['collections']; errors: Record<string, string> }) {
  const router = useRouter();
  const s = useStatus();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const id = `ix-${caseId}`;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const message = String(f.get('message') ?? '').trim();
    s.clear();
    if (!message) return s.fail(c.messageRequired);
    setBusy(true);
    const result = await apiCall('POST', `/api/v1/collections/cases/${encodeURIComponent(caseId)}/interactions`, {
      body: { channel: f.get('channel'), target: f.get('target'), outcome: f.get('outcome'), message },
      idempotencyKey: newIdempotencyKey(),
    });
    setBusy(false);
    if (!result.ok) {
      const d = result.error.details as { reason?: string; lintProblems?: string[] } | undefined;
      if (d?.reason) {
        const why = c.refusals[d.reason] ?? d.reason;
        return s.fail(fmt(c.refused, { reason: why }) + (d.lintProblems?.length ? ` ${fmt(c.lintProblems, { list: d.lintProblems.join(', ') })}` : ''));
      }
      return s.fail(plainError(result.error, errors));
    }
    s.ok(c.recorded);
    router.refresh();
  }
  const select = (name: string, label: string, options: Record<string, string>) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} name={name}>
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="grid-2">
        {select('channel', c.channel, c.channels)}
        {select('target', c.target, c.targets)}
        {select('outcome', c.outcome, c.outcomes)}
      </div>
      <div className="field">
        <label htmlFor={`${id}-message`}>{c.message}</label>
        <textarea id={`${id}-message`} name="message" className="plain-textarea" maxLength={2000} aria-describedby={`${id}-hint`} />
        <span id={`${id}-hint`} className="hint">{c.messageHint}</span>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-small" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? c.submitting : c.submit}
        </button>
      </div>
      <FormStatus ref={s.ref} error={s.error} message={s.message} />
    </form>
  );
}
