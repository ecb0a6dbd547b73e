'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiCall, plainError } from './client-api';
import { useHydrated } from './use-hydrated';

export function GrantRoleForm({
  userId,
  userName,
  roles,
  labels,
  errors,
}: {
  userId: string;
  userName: string;
  roles: Array<{ value: string; label: string }>;
  labels: { grant: string; grantLabel: string; granting: string; granted: string };
  errors: Record<string, string>;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const selectId = `grant-${userId}`;
  if (roles.length === 0 && !status) return null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget).get('role') ?? '');
    setBusy(true);
    setStatus(null);
    const result = await apiCall('POST', `/api/v1/admin/users/${encodeURIComponent(userId)}/roles`, { body: { role } });
    setBusy(false);
    if (result.ok) {
      const label = roles.find((r) => r.value === role)?.label ?? role;
      setStatus({ ok: true, text: labels.granted.replace('{name}', userName).replace('{role}', label) });
      router.refresh();
    } else {
      setStatus({ ok: false, text: plainError(result.error, errors) });
    }
  }

  return (
    <form onSubmit={onSubmit} className="row" style={{ gap: '0.4rem' }}>
      <label htmlFor={selectId} className="visually-hidden">
        {labels.grantLabel.replace('{name}', userName)}
      </label>
      <select id={selectId} name="role" className="compact-select">
        {roles.map((role) => (
          <option key={role.value} value={role.value}>
            {role.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small" disabled={busy || !hydrated} aria-busy={busy}>
        {busy ? labels.granting : labels.grant}
      </button>
      <span role="status" aria-live="polite" className={status ? (status.ok ? 'ok-text' : 'bad-text') : undefined}>
        {status?.text ?? ''}
      </span>
    </form>
  );
}
