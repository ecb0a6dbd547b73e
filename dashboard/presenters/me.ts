import 'server-only';
import { cache } from 'react';
import { apiGet } from './api';

export type Role = 'borrower' | 'investor' | 'analyst' | 'admin';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
}

/** The signed-in user, or null. Cached per request so the layout and the page share one call. */
export const getMe = cache(async (): Promise<Me | null> => {
  const result = await apiGet<Me>('/api/v1/me');
  return result.ok ? result.data : null;
});

export function hasRole(me: Me | null, ...roles: Role[]): boolean {
  return !!me && roles.some((role) => me.roles.includes(role));
}
