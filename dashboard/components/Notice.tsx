import type { ReactNode } from 'react';
import type { ApiErrorBody } from '../presenters/api';
import type { Dictionary } from '../i18n/locale';

/** An API failure in plain words (the technical message underneath, smaller). */
export function ApiErrorNotice({ error, t }: { error: ApiErrorBody; t: Dictionary }) {
  const known = (t.errors as Record<string, string>)[error.code];
  const unavailable = error.code === 'UNREACHABLE' || (error.code === 'NOT_FOUND' && error.message === 'no such API route');
  return (
    <div className="alert alert-error" role="alert">
      <p style={{ margin: 0 }}>{unavailable ? (error.code === 'UNREACHABLE' ? t.common.networkError : t.common.notAvailable) : (known ?? t.common.unknownError)}</p>
      {!unavailable && error.message ? <p className="muted" style={{ margin: '0.25rem 0 0', fontSize: '0.85rem' }}>{error.message}</p> : null}
    </div>
  );
}

export function Forbidden({ t }: { t: Dictionary }) {
  return (
    <div className="stack">
      <h1>{t.errors.FORBIDDEN}</h1>
      <p className="alert alert-warn">{t.common.forbidden}</p>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** True when the API answered that this route does not exist yet (another team's work not landed). */
export function isMissingRoute(error: ApiErrorBody): boolean {
  return error.code === 'NOT_FOUND' && error.message === 'no such API route';
}
