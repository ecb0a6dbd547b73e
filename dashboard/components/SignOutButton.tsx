'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiCall } from './client-api';

export function SignOutButton({ label, busyLabel }: { label: string; busyLabel: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button-small button-ghost"
      disabled={busy}
      aria-busy={busy}
      onClick={async () => {
        setBusy(true);
        await apiCall('POST', '/api/v1/auth/logout');
        router.push('/');
        router.refresh();
        setBusy(false);
      }}
    >
      {busy ? busyLabel : label}
    </button>
  );
}
