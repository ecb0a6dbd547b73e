import { AppError } from '../../kernel/errors';
import type { ListingStatus } from '../../db/schema';

/** The listing state machine: open → funded → disbursed, or open → expired / cancelled. */
const TRANSITIONS: Record<ListingStatus, readonly ListingStatus[]> = {
  open: ['funded', 'expired', 'cancelled'],
  funded: ['disbursed'],
  disbursed: [],
  expired: [],
  cancelled: [],
};

export function canTransition(from: ListingStatus, to: ListingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(listingId: string, from: ListingStatus, to: ListingStatus): void {
  if (!canTransition(from, to)) throw new AppError('CONFLICT', `listing ${listingId} cannot go from ${from} to ${to}`, { from, to });
}
