import { AppError } from './errors';

/**
 * Splits `total` into parts proportional to `weights` using the largest-remainder method.
 * The parts always add up to `total` exactly. Ties in the remainder go to the earlier
 * part, so the result is deterministic for a given input order.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) throw new AppError('VALIDATION', 'allocate needs at least one weight');
  if (weights.some((w) => w < 0n)) throw new AppError('VALIDATION', 'allocation weights must not be negative');
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) throw new AppError('VALIDATION', 'allocation weights must not all be zero');
  const negative = total < 0n;
  const magnitude = negative ? -total : total;

  const parts = weights.map((w) => (magnitude * w) / weightSum);
  const remainders = weights.map((w, index) => ({ index, rest: (magnitude * w) % weightSum }));
  let left = magnitude - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
}
