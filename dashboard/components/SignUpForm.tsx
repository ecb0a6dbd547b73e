'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { apiCall, fieldErrors, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { useHydrated } from './use-hydrated';

export interface SignUpLabels {
  displayName: string;
  email: string;
  password: string;
  passwordHint: string;
  roleLegend: string;
  roleBorrower: string;
  roleInvestor: string;
  roleNeeded: string;
  submit: string;
  submitting: string;
  emailTaken: string;
  success: string;
}

export function SignUpForm({ labels, errors, locale, defaultRole }: { labels: SignUpLabels; errors: Record<string, string>; locale: 'zh' | 'en'; defaultRole?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const statusRef = useRef<HTMLDivElement>(null);

  function fail(text: string, perField: Record<string, string> = {}) {
    setBusy(false);
    setError(text);
    setFields(perField);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const roles = form.getAll('roles').map(String);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const displayName = String(form.get('displayName') ?? '').trim();
    setError(null);
    setMessage(null);
    if (roles.length === 0) return fail(labels.roleNeeded, { roles: labels.roleNeeded });
    if (password.length < 10) return fail(labels.passwordHint, { password: labels.passwordHint });
    setBusy(true);
    const created = await apiCall('POST', '/api/v1/auth/register', { body: { email, password, displayName, roles, locale } });
    if (!created.ok) {
      if (created.error.code === 'CONFLICT') return fail(labels.emailTaken, { email: labels.emailTaken });
      return fail(plainError(created.error, errors), fieldErrors(created.error));
    }
    setMessage(labels.success);
    const signedIn = await apiCall('POST', '/api/v1/auth/login', { body: { email, password, client: 'browser' } });
    if (!signedIn.ok) {
      router.push('/sign-in');
      return;
    }
    router.push(roles.includes('borrower') ? '/borrower/kyc' : '/');
    router.refresh();
  }

  const describe = (name: string, hint?: string) => [hint, fields[name] ? `sign-up-${name}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="sign-up-displayName">{labels.displayName}</label>
        <input id="sign-up-displayName" name="displayName" autoComplete="name" required maxLength={80} aria-invalid={fields.displayName ? true : undefined} aria-describedby={describe('displayName')} />
        {fields.displayName ? <span id="sign-up-displayName-error" className="field-error">{fields.displayName}</span> : null}
      </div>
      <div className="field">
        <label htmlFor="sign-up-email">{labels.email}</label>
        <input id="sign-up-email" name="email" type="email" autoComplete="email" required aria-invalid={fields.email ? true : undefined} aria-describedby={describe('email')} />
        {fields.email ? <span id="sign-up-email-error" className="field-error">{fields.email}</span> : null}
      </div>
      <div className="field">
        <label htmlFor="sign-up-password">{labels.password}</label>
        <input
          id="sign-up-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          aria-invalid={fields.password ? true : undefined}
          aria-describedby={describe('password', 'sign-up-password-hint')}
        />
        <span id="sign-up-password-hint" className="hint">
          {labels.passwordHint}
        </span>
      </div>
      <fieldset className="field" aria-describedby={describe('roles')}>
        <legend>{labels.roleLegend}</legend>
        <label className="check">
          <input type="checkbox" name="roles" value="borrower" defaultChecked={defaultRole !== 'investor'} /> {labels.roleBorrower}
        </label>
        <label className="check">
          <input type="checkbox" name="roles" value="investor" defaultChecked={defaultRole === 'investor'} /> {labels.roleInvestor}
        </label>
        {fields.roles ? <span id="sign-up-roles-error" className="field-error">{fields.roles}</span> : null}
      </fieldset>
      <FormStatus ref={statusRef} error={error} message={message} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? labels.submitting : labels.submit}
        </button>
      </div>
    </form>
  );
}
