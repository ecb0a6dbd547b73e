import { AppError } from './errors';

/** Rates are integer basis points: 1 bps = 0.01%, 10000 bps = 100%. */
export type Bps = number;

export function bps(value: number): Bps {
  if (!Number.isInteger(value)) throw new AppError('VALIDATION', `a rate in basis points must be an integer, got ${value}`);
  return value;
}

/** Parses a percentage string like "12.34" (%) into basis points; at most two decimals. */
export function parsePercentToBps(input: string, field = 'rate'): Bps {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!match) throw new AppError('VALIDATION', `${field} "${input}" must be a percentage with at most two decimals`, { field });
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0') || '0');
}

export function formatBps(rateBps: Bps): string {
  return `${(rateBps / 100).toFixed(2)}%`;
}

/** Applies a rate to an amount of fen, rounding half away from zero: amount × rate / 10000. */
export function applyBps(amountFen: bigint, rateBps: Bps): bigint {
  const n = amountFen * BigInt(rateBps);
  const q = n / 10000n;
  const r = n % 10000n;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= 10000n) return n < 0n ? q - 1n : q + 1n;
  return q;
}
