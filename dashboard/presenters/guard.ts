import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getMe, type Me, type Role } from './me';

/**
 * For pages that need a signed-in user: not signed in → the sign-in page (coming back here
 * afterwards); signed in without any of the roles → `{ me, allowed: false }` so the page can
 * say so in plain words. Admins may open every staff page.
 */
export async function requireUser(path: string, roles: Role[] = []): Promise<{ me: Me; allowed: boolean }> {
  const me = await getMe();
  if (!me) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  const allowed = roles.length === 0 || roles.some((role) => me.roles.includes(role)) || (me.roles.includes('admin') && roles.includes('analyst'));
  return { me, allowed };
}

/** The current request path (set by proxy.ts), for redirects back after sign-in. */
export async function currentPath(fallback: string): Promise<string> {
  return (await headers()).get('x-pathname') ?? fallback;
}
