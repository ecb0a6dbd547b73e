'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { apiCall, plainError } from './client-api';
import { FormStatus } from './FormStatus';
import { safeNextPath } from './paths';
import { useHydrated } from './use-hydrated';

export interface SignInLabels {
  email: string;
  password: string;
  submit: string;
  submitting: string;
  wrong: string;
  success: string;
}

export function SignInForm({ labels, errors, next }: { labels: SignInLabels; errors: Record<string, string>; next?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    setMessage(null);
    const result = await apiCall('POST', '/api/v1/auth/login', {
      body: { email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? ''), client: 'browser' },
    });
    if (result.ok) {
      setMessage(labels.success);
      router.push(safeNextPath(next));
      router.refresh();
      return;
    }
    setBusy(false);
    setError(result.error.code === 'UNAUTHENTICATED' || result.error.code === 'VALIDATION' ? labels.wrong : plainError(result.error, errors));
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby="sign-in-status">
      <div className="field">
        <label htmlFor="sign-in-email">{labels.email}</label>
        <input id="sign-in-email" name="email" type="email" autoComplete="email" required aria-invalid={error ? true : undefined} />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">{labels.password}</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required aria-invalid={error ? true : undefined} />
      </div>
      <FormStatus ref={statusRef} id="sign-in-status" error={error} message={message} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !hydrated} aria-busy={busy}>
          {busy ? labels.submitting : labels.submit}
        </button>
      </div>
    </form>
  );
}
