import { z } from 'zod';
import { login } from '../../../auth/login';
import { registerUser, SELF_SERVICE_ROLES } from '../../../auth/register-user';
import { revokeSession } from '../../../auth/sessions';
import { BROWSER_SESSION_TTL_MS } from '../../../auth/sessions';
import { CSRF_COOKIE, SESSION_COOKIE } from '../create-api-app';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';

const email = z.email().max(254);

export const authRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/auth/register',
    summary: 'Sign up as a borrower and/or investor',
    tag: 'auth',
    access: 'public',
    body: z.object({
      email,
      password: z.string().min(10).max(256),
      displayName: z.string().trim().min(1).max(80),
      roles: z.array(z.enum(['borrower', 'investor'])).min(1).max(2),
      locale: z.enum(['zh', 'en']).optional(),
    }),
    handler: async ({ deps, body }) => {
      const roles = body.roles.filter((r) => SELF_SERVICE_ROLES.includes(r));
      const { id } = await registerUser(deps, { ...body, roles });
      return { status: 201, body: { id, email: body.email, roles } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Sign in. `client: "api"` returns a bearer token; `client: "browser"` sets a session cookie and a CSRF cookie.',
    tag: 'auth',
    access: 'public',
    body: z.object({ email, password: z.string().min(1).max(256), client: z.enum(['api', 'browser']).default('api') }),
    handler: async ({ deps, body, ip }) => {
      const result = await login(deps, { email: body.email, password: body.password, kind: body.client, ip });
      if (body.client === 'browser') {
        const maxAgeSeconds = Math.floor(BROWSER_SESSION_TTL_MS / 1000);
        return {
          status: 200,
          body: { user: result.user, expiresAt: result.expiresAt, csrfToken: result.csrfToken },
          cookies: [
            { name: SESSION_COOKIE, value: result.token, httpOnly: true, maxAgeSeconds },
            { name: CSRF_COOKIE, value: result.csrfToken ?? '', httpOnly: false, maxAgeSeconds },
          ],
        };
      }
      return { status: 200, body: { token: result.token, tokenType: 'Bearer', expiresAt: result.expiresAt, user: result.user } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/auth/logout',
    summary: 'Revoke the current session or token',
    tag: 'auth',
    access: 'authenticated',
    handler: async ({ deps, user }) => {
      await revokeSession(deps, requireUser(user).sessionId);
      return {
        status: 204,
        cookies: [
          { name: SESSION_COOKIE, value: '', httpOnly: true, maxAgeSeconds: 0 },
          { name: CSRF_COOKIE, value: '', httpOnly: false, maxAgeSeconds: 0 },
        ],
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me',
    summary: 'The signed-in user',
    tag: 'auth',
    access: 'authenticated',
    handler: async ({ user }) => {
      const me = requireUser(user);
      return { status: 200, body: { id: me.id, email: me.email, displayName: me.displayName, roles: me.roles } };
    },
  }),
];
