import type { Role } from '../../../db/schema';
import type { AnyRoute } from '../define-route';

export type Persona = 'anonymous' | Role;
export const PERSONAS: readonly Persona[] = ['anonymous', 'borrower', 'investor', 'analyst', 'admin'];

/** What the route's declared access says a persona may do: the matrix's expected value. */
export function isAllowed(route: AnyRoute, persona: Persona): boolean {
  if (route.access === 'public') return true;
  if (persona === 'anonymous') return false;
  if (route.access === 'authenticated') return true;
  return route.access.includes(persona);
}

export function concretePath(route: AnyRoute, id: string): string {
  return route.path.replace(/:(\w+)/g, id);
}
