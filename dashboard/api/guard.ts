import type { AuthenticatedUser } from '../../auth/sessions';
import type { Role } from '../../db/schema';
import { AppError } from '../../kernel/errors';
import type { RouteAccess } from './define-route';

/** The one authorization guard every route goes through. */
export function authorize(access: RouteAccess, user: AuthenticatedUser | null): void {
  if (access === 'public') return;
  if (!user) throw new AppError('UNAUTHENTICATED', 'sign in first');
  if (access === 'authenticated') return;
  if (!access.some((role) => user.roles.includes(role))) {
    throw new AppError('FORBIDDEN', `this needs one of the roles: ${access.join(', ')}`);
  }
}

/**
 * Resource-level check: the owner, or a user holding one of the staff roles. A stranger gets
 * NOT_FOUND rather than FORBIDDEN, so ids cannot be probed for existence.
 */
export function assertOwnerOrRoles(user: AuthenticatedUser | null, ownerId: string, staffRoles: readonly Role[] = ['analyst', 'admin']): void {
  if (!user) throw new AppError('UNAUTHENTICATED', 'sign in first');
  if (user.id === ownerId) return;
  if (staffRoles.some((role) => user.roles.includes(role))) return;
  throw new AppError('NOT_FOUND', 'no such resource');
}

export function requireUser(user: AuthenticatedUser | null): AuthenticatedUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 'sign in first');
  return user;
}

export function hasRole(user: AuthenticatedUser | null, role: Role): boolean {
  return !!user && user.roles.includes(role);
}
