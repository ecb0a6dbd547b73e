/**
 * Browser-side calls to the API (same origin, forwarded by Next to the API process). State
 * changes carry the CSRF token from the p2p_csrf cookie as the x-csrf-token header.
 */
export interface ClientApiError {
  code: string;
  message: string;
  details?: { fields?: Array<{ field: string; message: string }>; field?: string; [key: string]: unknown };
}

export type ClientApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ClientApiError; body?: unknown };

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export async function apiCall<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; idempotencyKey?: string; signal?: AbortSignal } = {},
): Promise<ClientApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie('p2p_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  try {
    const response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (response.ok) return { ok: true, status: response.status, data: parsed as T };
    const error = (parsed as { error?: ClientApiError } | null)?.error ?? { code: response.status >= 500 ? 'INTERNAL' : 'UNKNOWN', message: `HTTP ${response.status}` };
    return { ok: false, status: response.status, error, body: parsed };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return { ok: false, status: 0, error: { code: 'NETWORK', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Per-field messages from a VALIDATION error, keyed by the field path. */
export function fieldErrors(error: ClientApiError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error?.details?.fields ?? []) out[f.field] = f.message;
  if (error?.details?.field && !out[error.details.field]) out[error.details.field] = error.message;
  return out;
}

/** A plain-words message for an API error in the user's language. */
export function plainError(error: ClientApiError, messages: Record<string, string>): string {
  if (error.code === 'NETWORK') return messages.networkError ?? error.message;
  const known = messages[error.code];
  // Validation and business-rule messages from the API say what exactly is wrong; show them too.
  if (known && (error.code === 'VALIDATION' || error.code === 'BUSINESS_RULE' || error.code === 'CONFLICT')) return `${known} (${error.message})`;
  return known ?? messages.unknownError ?? error.message;
}
