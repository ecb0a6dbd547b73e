import 'server-only';
import { cookies, headers } from 'next/headers';

/** Where the API process listens, seen from the Next server. */
export function apiBaseUrl(): string {
  return (process.env.API_INTERNAL_URL ?? 'http://127.0.0.1:3001').replace(/\/$/, '');
}

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiErrorBody; body?: unknown };

/**
 * GET from the API as the signed-in user: the browser's cookies are forwarded, nothing else.
 * Never throws for HTTP errors; a network failure becomes status 0 with code UNREACHABLE.
 */
export async function apiGet<T>(path: string, init: { timeoutMs?: number } = {}): Promise<ApiResult<T>> {
  const cookieHeader = (await cookies())
    .getAll()
    .filter((c) => c.name.startsWith('p2p_'))
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
  const incoming = await headers();
  const forwardedFor = incoming.get('x-forwarded-for');
  const requestHeaders: Record<string, string> = { accept: 'application/json' };
  if (cookieHeader) requestHeaders.cookie = cookieHeader;
  if (forwardedFor) requestHeaders['x-forwarded-for'] = forwardedFor;
  try {
    const response = await fetch(`${apiBaseUrl()}${path}`, {
      headers: requestHeaders,
      cache: 'no-store',
      signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (response.ok) return { ok: true, status: response.status, data: body as T };
    const error = (body as { error?: ApiErrorBody } | null)?.error ?? { code: 'INTERNAL', message: `HTTP ${response.status}` };
    return { ok: false, status: response.status, error, body };
  } catch (error) {
    return { ok: false, status: 0, error: { code: 'UNREACHABLE', message: error instanceof Error ? error.message : String(error) } };
  }
}
