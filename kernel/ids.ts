import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { Clock } from './clock';

/**
 * ulid's own source calls crypto.randomBytes(1) per character (16 calls per id, a visible share
 * of the API's event loop); this one hands out bytes from a buffer refilled from the same CSPRNG.
 * byte / 256 is uniform over ulid's 32 characters (256 = 8 × 32), as ulid's own source is.
 */
const randomPool = Buffer.alloc(4_096);
let randomOffset = randomPool.length;
function pooledRandom(): number {
  if (randomOffset === randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  return randomPool[randomOffset++]! / 256;
}

/**
 * Sortable ids: a prefix naming the kind of thing, then a ULID (time-ordered, 26 chars).
 * The time part comes from the injected clock so simulated runs sort by simulated time.
 */
const ulid = monotonicFactory(pooledRandom);

export function newId(prefix: string, clock?: Clock): string {
  const ms = clock ? clock.now().getTime() : undefined;
  return `${prefix}_${ulid(ms)}`;
}
