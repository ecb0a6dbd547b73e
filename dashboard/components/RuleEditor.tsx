'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Dictionary } from '../i18n/locale';
import { apiCall, newIdempotencyKey, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { checkRuleSetJson, type RuleIssue } from './rule-set-check';

/** JSON editor for a rule set: checked as you type, saved as a new draft version. */
export function RuleEditor({ initial, r, errors }: { initial: string; r: Dictionary['rules']; errors: Record<string, string> }) {
  const router = useRouter();
  const [text, setText] = useState(initial);
  const [checked, setChecked] = useState(() => checkRuleSetJson(initial));
  const [serverIssues, setServerIssues] = useState<RuleIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ id: string } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const hintId = useId();
  const issuesId = useId();

  // Check a moment after typing stops, so every keystroke does not re-announce.
  useEffect(() => {
    const timer = setTimeout(() => {
      setChecked(checkRuleSetJson(text));
      setServerIssues([]);
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);

  const issues = useMemo(() => (checked.ok ? serverIssues : checked.issues), [checked, serverIssues]);
  const syntax = !checked.ok ? checked.syntax : undefined;
  const problems = syntax ? 1 : issues.length;

  async function save() {
    const local = checkRuleSetJson(text);
    setChecked(local);
    setError(null);
    setSaved(null);
    if (!local.ok) {
      setError(local.syntax ? r.jsonError.replace('{message}', local.syntax) : r.invalid.replace('{n}', String(local.issues.length)));
      requestAnimationFrame(() => statusRef.current?.focus());
      return;
    }
    const body = JSON.stringify(local.value);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setBusy(true);
    const result = await apiCall<{ id: string }>('POST', '/api/v1/rule-sets', { body: { definition: local.value }, idempotencyKey: attempt.current.key });
    setBusy(false);
    if (result.ok) {
      setSaved({ id: result.data.id });
      router.refresh();
    } else {
      const fields = result.error.details?.fields ?? [];
      setServerIssues(fields.map((f) => ({ path: f.field.replace(/^definition\./, ''), message: f.message })));
      setError(plainError(result.error, errors));
    }
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="rule-json">{r.editorTitle}</label>
        <span id={hintId} className="hint">
          {r.editorHint}
        </span>
        <textarea
          id="rule-json"
          className="code-editor"
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-invalid={problems > 0}
          aria-describedby={`${hintId} ${issuesId}`}
          rows={24}
        />
      </div>
      <div id={issuesId} aria-live="polite" data-testid="rule-check">
        {syntax ? (
          <p className="alert alert-error">{r.jsonError.replace('{message}', syntax)}</p>
        ) : issues.length > 0 ? (
          <div className="alert alert-error">
            <p style={{ margin: 0 }}>{r.invalid.replace('{n}', String(issues.length))}</p>
            <ul>
              {issues.slice(0, 12).map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  <code>{issue.path}</code>: {issue.message}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="ok-text">✓ {r.valid}</p>
        )}
      </div>
      <FormStatus ref={statusRef} error={error} message={saved ? r.saved.replace('{id}', saved.id) : null} />
      <div className="form-actions">
        <button type="button" className="button" onClick={save} disabled={busy} aria-busy={busy}>
          {busy ? r.saving : r.saveDraft}
        </button>
        {saved ? (
          <Link href={`/analyst/rules/${saved.id}`} className="button button-ghost" data-testid="open-draft">
            {r.openDraft}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
