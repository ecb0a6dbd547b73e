'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { fmt, type Dictionary, type Locale } from '../i18n/locale';
import { formatBps, formatDateTime, formatYuan } from '../i18n/format';
import { apiCall, fieldErrors, newIdempotencyKey, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

export interface MandateRow {
  id: string;
  status: 'active' | 'revoked';
  grades: string[];
  termsMonths: number[];
  minAprBps: number;
  amountPerLoan: string;
  totalBudget: string;
  spent: string;
  maxBorrowerShareBps: number;
  lastServedAt: string | null;
}

const TERMS = [3, 6, 9, 12, 18, 24, 36];
const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

/** "9.5" → 950 basis points, exactly (no floating point). */
export function percentToBps(value: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bps <= 10_000 ? bps : null;
}

/** A letter stands for its five sub-grades: ["B1"…"B5", "C2"] reads "B, C2", not seven codes. */
export function condenseGrades(grades: string[]): string[] {
  const set = new Set(grades);
  const out: string[] = [];
  for (const letter of ['A', 'B', 'C', 'D', 'E', 'F', 'G']) {
    const subs = [1, 2, 3, 4, 5].map((n) => `${letter}${n}`);
    if (set.has(letter) || subs.every((g) => set.has(g))) out.push(letter);
    else out.push(...subs.filter((g) => set.has(g)));
  }
  return out;
}

const bpsToPercentInput = (bps: number) => `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}`;

/** Auto-invest mandates: the list (change, revoke) and the form for a new or changed mandate. */
export function AutoInvestManager({ mandates, gradeLetters, a, errors, locale, confirmText }: { mandates: MandateRow[]; gradeLetters: string[]; a: Dictionary['autoInvest']; errors: Record<string, string>; locale: Locale; confirmText: string }) {
  const router = useRouter();
  const [editing, setEditing] = useState<MandateRow | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const key = useRef(newIdempotencyKey());

  function fail(text: string, perField: Record<string, string> = {}) {
    setError(text);
    setFields(perField);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    setError(null);
    setMessage(null);
    const grades = f.getAll('grades').map(String);
    const termsMonths = f.getAll('termsMonths').map(Number);
    const minAprBps = percentToBps(String(f.get('minApr') ?? ''));
    const shareBps = percentToBps(String(f.get('maxBorrowerShare') ?? ''));
    const amountPerLoan = String(f.get('amountPerLoan') ?? '').trim();
    const totalBudget = String(f.get('totalBudget') ?? '').trim();
    const problems: Record<string, string> = {};
    if (grades.length === 0) problems.grades = a.pickOne;
    if (termsMonths.length === 0) problems.termsMonths = a.pickOne;
    if (minAprBps === null) problems.minAprBps = a.percentInvalid;
    if (shareBps === null || shareBps < 1) problems.maxBorrowerShareBps = a.percentInvalid;
    if (!AMOUNT.test(amountPerLoan)) problems.amountPerLoan = a.amountInvalid;
    if (!AMOUNT.test(totalBudget)) problems.totalBudget = a.amountInvalid;
    if (Object.keys(problems).length) return fail([...new Set(Object.values(problems))].join(' '), problems);
    const body = { grades, termsMonths, minAprBps, amountPerLoan, totalBudget, maxBorrowerShareBps: shareBps };
    setBusy(true);
    const result = editing
      ? await apiCall('PATCH', `/api/v1/me/auto-invest/${editing.id}`, { body })
      : await apiCall('POST', '/api/v1/me/auto-invest', { body, idempotencyKey: key.current });
    setBusy(false);
    if (!result.ok) {
      if (!editing) key.current = newIdempotencyKey();
      return fail(plainError(result.error, errors), fieldErrors(result.error));
    }
    key.current = newIdempotencyKey();
    setFields({});
    setMessage(editing ? a.updated : a.created);
    setEditing(null);
    formRef.current?.reset();
    router.refresh();
  }

  async function revoke(m: MandateRow) {
    if (!window.confirm(fmt(confirmText, { id: m.id }))) return;
    setBusy(true);
    const result = await apiCall('DELETE', `/api/v1/me/auto-invest/${m.id}`);
    setBusy(false);
    if (!result.ok) return fail(plainError(result.error, errors));
    setMessage(a.revoked);
    if (editing?.id === m.id) setEditing(null);
    router.refresh();
  }

  function edit(m: MandateRow) {
    setEditing(m);
    setError(null);
    setMessage(null);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('input')?.focus());
  }

  const e = editing;
  return (
    <div className="stack">
      <section aria-labelledby="mandates-title">
        <h2 id="mandates-title">{a.mine}</h2>
        {mandates.length === 0 ? (
          <p className="empty">{a.empty}</p>
        ) : (
          <ul className="app-list" data-testid="mandates">
            {mandates.map((m) => (
              <li key={m.id} className="app-item">
                <div className="row">
                  <span className="apr">≥ {formatBps(m.minAprBps)}</span>
                  <span className={`badge ${m.status === 'active' ? 'badge-ok' : 'badge-info'}`}>{a.statuses[m.status] ?? m.status}</span>
                </div>
                <dl className="pairs">
                  <dt>{a.grades}</dt>
                  <dd>{condenseGrades(m.grades).join(', ')}</dd>
                  <dt>{a.terms}</dt>
                  <dd>{m.termsMonths.join(', ')}</dd>
                  <dt>{a.amountPerLoan}</dt>
                  <dd>{formatYuan(locale, m.amountPerLoan)}</dd>
                  <dt>{a.totalBudget}</dt>
                  <dd>
                    {formatYuan(locale, m.totalBudget)} ({a.spent} {formatYuan(locale, m.spent)})
                  </dd>
                  <dt>{a.maxBorrowerShare}</dt>
                  <dd>{formatBps(m.maxBorrowerShareBps)}</dd>
                  <dt>{a.lastServed}</dt>
                  <dd>{formatDateTime(locale, m.lastServedAt)}</dd>
                </dl>
                {m.status === 'active' ? (
                  <div className="form-actions">
                    <button type="button" className="button button-small button-ghost" onClick={() => edit(m)}>
                      {a.edit} <span className="visually-hidden">{m.id}</span>
                    </button>
                    <button type="button" className="button button-small button-danger" onClick={() => void revoke(m)} disabled={busy}>
                      {a.revoke} <span className="visually-hidden">{m.id}</span>
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="mandate-form-title" className="card">
        <h2 id="mandate-form-title">{e ? fmt(a.editTitle, { id: e.id }) : a.newTitle}</h2>
        <form ref={formRef} key={e?.id ?? 'new'} className="form form-wide" onSubmit={submit} noValidate>
          <fieldset className="field">
            <legend>{a.grades}</legend>
            <span className="hint">{a.gradesHint}</span>
            <div className="row">
              {gradeLetters.map((g) => (
                <label key={g} className="check">
                  <input type="checkbox" name="grades" value={g} defaultChecked={e ? condenseGrades(e.grades).includes(g) : false} /> {g}
                </label>
              ))}
            </div>
            {fields.grades ? <span className="field-error">{fields.grades}</span> : null}
          </fieldset>
          <fieldset className="field">
            <legend>{a.terms}</legend>
            <span className="hint">{a.termsHint}</span>
            <div className="row">
              {TERMS.map((n) => (
                <label key={n} className="check">
                  <input type="checkbox" name="termsMonths" value={n} defaultChecked={e ? e.termsMonths.includes(n) : false} /> {n}
                </label>
              ))}
            </div>
            {fields.termsMonths ? <span className="field-error">{fields.termsMonths}</span> : null}
          </fieldset>
          <div className="grid-2">
            <Field id="ai-apr" name="minApr" label={a.minApr} hint={a.minAprHint} error={fields.minAprBps} defaultValue={e ? bpsToPercentInput(e.minAprBps) : ''} />
            <Field id="ai-share" name="maxBorrowerShare" label={a.maxBorrowerShare} hint={a.maxBorrowerShareHint} error={fields.maxBorrowerShareBps} defaultValue={e ? bpsToPercentInput(e.maxBorrowerShareBps) : ''} />
            <Field id="ai-per-loan" name="amountPerLoan" label={a.amountPerLoan} error={fields.amountPerLoan} defaultValue={e?.amountPerLoan ?? ''} />
            <Field id="ai-budget" name="totalBudget" label={a.totalBudget} error={fields.totalBudget} defaultValue={e?.totalBudget ?? ''} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
              {busy ? a.saving : e ? a.saveChanges : a.create}
            </button>
            {e ? (
              <button type="button" className="button button-ghost" onClick={() => setEditing(null)}>
                {a.cancelEdit}
              </button>
            ) : null}
          </div>
        </form>
      </section>
      <FormStatus ref={statusRef} error={error} message={message} />
    </div>
  );
}

function Field({ id, name, label, hint, error, defaultValue }: { id: string; name: string; label: string; hint?: string; error?: string; defaultValue: string }) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} inputMode="decimal" defaultValue={defaultValue} required aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
      {error ? <span id={`${id}-error`} className="field-error">{error}</span> : null}
    </div>
  );
}
