import { monotonicFactory } from 'ulid';
import type { Clock } from './clock';

/**
 * Sortable ids: a prefix naming the kind of thing, then a ULID (time-ordered, 26 chars).
 * The time part comes from the injected clock so simulated runs sort by simulated time.
 */
const ulid = monotonicFactory();

export function newId(prefix: string, clock?: Clock): string {
  const ms = clock ? clock.now().getTime() : undefined;
  return `${prefix}_${ulid(ms)}`;
}
