import type { z } from 'zod';
import type { AuthenticatedUser } from '../../auth/sessions';
import type { Role } from '../../db/schema';
import type { ApiDeps } from './api-deps';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: everyone, any signed-in user, or signed-in users holding one of the roles. */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

export interface CookieToSet {
  name: string;
  value: string;
  httpOnly: boolean;
  maxAgeSeconds: number;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  cookies?: CookieToSet[];
  headers?: Record<string, string>;
  /** Raw body (e.g. a PDF); when set, `body` is ignored. */
  raw?: { contentType: string; data: Uint8Array | string };
}

export interface RouteContext<TBody, TQuery, TParams> {
  deps: ApiDeps;
  /** Present whenever access is not 'public' (the guard has checked it). */
  user: AuthenticatedUser | null;
  body: TBody;
  query: TQuery;
  params: TParams;
  idempotencyKey: string | null;
  ip: string;
  request: Request;
}

export interface RouteDefinition<TBody = unknown, TQuery = unknown, TParams = unknown> {
  method: HttpMethod;
  /** Hono-style path, e.g. `/api/v1/listings/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  body?: z.ZodType<TBody>;
  query?: z.ZodType<TQuery>;
  params?: z.ZodType<TParams>;
  /** Documented response shape (OpenAPI only). */
  response?: z.ZodType;
  /** The route requires an `Idempotency-Key` header. */
  idempotent?: boolean;
  handler: (ctx: RouteContext<TBody, TQuery, TParams>) => Promise<RouteResult>;
}

export type AnyRoute = RouteDefinition<any, any, any>;

/** Identity function that keeps the zod-inferred types of body, query and params. */
export function defineRoute<TBody = undefined, TQuery = undefined, TParams = undefined>(
  route: RouteDefinition<TBody, TQuery, TParams>,
): RouteDefinition<TBody, TQuery, TParams> {
  return route;
}
