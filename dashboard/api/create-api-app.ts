import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { resolveSession, type AuthenticatedUser } from '../../auth/sessions';
import { jsonReplacer } from '../../kernel/canonical-json';
import { AppError, toAppError, validationError } from '../../kernel/errors';
import type { ApiDeps } from './api-deps';
import type { AnyRoute, RouteResult } from './define-route';
import { authorize } from './guard';

export const SESSION_COOKIE = 'p2p_session';
export const CSRF_COOKIE = 'p2p_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function authenticate(deps: ApiDeps, c: Context): Promise<AuthenticatedUser | null> {
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
    const user = await resolveSession(deps, match[1]!, 'api');
    if (!user) throw new AppError('UNAUTHENTICATED', 'the bearer token is unknown, expired or revoked');
    return user;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) return null;
  const user = await resolveSession(deps, cookie, 'browser');
  if (!user) return null;
  // Cookies ride along on cross-site requests; a state change must prove it came from our pages.
  if (UNSAFE_METHODS.has(c.req.method)) {
    const presented = c.req.header(CSRF_HEADER) ?? '';
    if (!user.csrfToken || !sameToken(presented, user.csrfToken)) {
      throw new AppError('CSRF_FAILED', `missing or wrong ${CSRF_HEADER} header for a cookie-authenticated request`);
    }
  }
  return user;
}

async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('VALIDATION', 'request body must be valid JSON');
  }
}

function clientIp(c: Context): string {
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || c.req.header('x-real-ip') || '127.0.0.1';
}

function respond(c: Context, deps: ApiDeps, result: RouteResult): Response {
  for (const cookie of result.cookies ?? []) {
    setCookie(c, cookie.name, cookie.value, {
      httpOnly: cookie.httpOnly,
      sameSite: 'Lax',
      secure: deps.config.NODE_ENV === 'production',
      path: '/',
      maxAge: cookie.maxAgeSeconds,
    });
  }
  const headers: Record<string, string> = { ...result.headers };
  if (result.raw) {
    headers['content-type'] = result.raw.contentType;
    return c.body(result.raw.data as never, result.status as never, headers);
  }
  if (result.body === undefined) return c.body(null, result.status as never, headers);
  headers['content-type'] = 'application/json; charset=utf-8';
  return c.body(JSON.stringify(result.body, jsonReplacer), result.status as never, headers);
}

export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') console.error('[api] internal error', error);
  const body = {
    error: {
      code: appError.code,
      // Internal details stay in the log, never in a response.
      message: appError.code === 'INTERNAL' ? 'something went wrong on our side; please try again' : appError.message,
      details: appError.code === 'INTERNAL' ? undefined : appError.details,
    },
  };
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const retryAfter = appError.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  return new Response(JSON.stringify(body, jsonReplacer), { status: appError.httpStatus, headers });
}

export function createApiApp(deps: ApiDeps, routes: readonly AnyRoute[]): Hono {
  const app = new Hono();
  for (const route of routes) {
    app.on(route.method, route.path, async (c) => {
      try {
        const user = await authenticate(deps, c);
        authorize(route.access, user);
        const params = parseWith(route.params, c.req.param(), 'path');
        const query = parseWith(route.query, c.req.query(), 'query');
        const body = route.body ? parseWith(route.body, await readJsonBody(c), 'body') : undefined;
        const idempotencyKey = c.req.header('idempotency-key') ?? null;
        if (route.idempotent && !idempotencyKey) {
          throw new AppError('VALIDATION', 'this request needs an Idempotency-Key header', { field: 'Idempotency-Key' });
        }
        const result = await route.handler({ deps, user, body, query, params, idempotencyKey, ip: clientIp(c), request: c.req.raw });
        return respond(c, deps, result);
      } catch (error) {
        return errorResponse(error);
      }
    });
  }
  app.notFound(() => errorResponse(new AppError('NOT_FOUND', 'no such API route')));
  app.onError((error) => errorResponse(error));
  return app;
}
