import { AppError } from './errors';

/** Money is always an integer number of fen (1 CNY = 100 fen), held as bigint. */
export type Fen = bigint;

const YUAN_PATTERN = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

export interface ParseMoneyOptions {
  allowNegative?: boolean;
  /** Field name used in error messages, e.g. "amount". */
  field?: string;
}

/**
 * Parses a yuan amount written as a string ("1,234.56", "50", "0.5") into fen.
 * Numbers are refused on purpose: a float has already lost the exact value.
 */
export function parseYuan(input: unknown, options: ParseMoneyOptions = {}): Fen {
  const field = options.field ?? 'amount';
  if (typeof input !== 'string') {
    throw new AppError('VALIDATION', `${field} must be a string of yuan with at most two decimals, e.g. "1234.56"`, { field });
  }
  const text = input.trim();
  const match = YUAN_PATTERN.exec(text);
  if (!match) {
    throw new AppError('VALIDATION', `${field} "${input}" is not a yuan amount with at most two decimals`, { field });
  }
  const [, sign, whole, decimals = ''] = match;
  const fen = BigInt((whole ?? '0').replaceAll(',', '')) * 100n + BigInt(decimals.padEnd(2, '0') || '0');
  if (sign && fen !== 0n && !options.allowNegative) {
    throw new AppError('VALIDATION', `${field} must not be negative`, { field });
  }
  return sign ? -fen : fen;
}

/** Parses a whole number of fen written as a string ("123456") or a bigint. */
export function parseFen(input: unknown, options: ParseMoneyOptions = {}): Fen {
  const field = options.field ?? 'amountFen';
  if (typeof input === 'bigint') return checkSign(input, field, options);
  if (typeof input !== 'string' || !/^-?\d+$/.test(input.trim())) {
    throw new AppError('VALIDATION', `${field} must be a string of whole fen, e.g. "123456"`, { field });
  }
  return checkSign(BigInt(input.trim()), field, options);
}

function checkSign(fen: Fen, field: string, options: ParseMoneyOptions): Fen {
  if (fen < 0n && !options.allowNegative) throw new AppError('VALIDATION', `${field} must not be negative`, { field });
  return fen;
}

/** Formats fen as yuan: 123456n → "1,234.56" (grouping on by default). */
export function formatYuan(fen: Fen, options: { grouping?: boolean } = {}): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  let whole = (abs / 100n).toString();
  if (options.grouping ?? true) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

/** Plain yuan string for APIs: 123456n → "1234.56". */
export function toYuanString(fen: Fen): string {
  return formatYuan(fen, { grouping: false });
}

export function yuan(whole: number | bigint): Fen {
  return BigInt(whole) * 100n;
}

export function minFen(...values: Fen[]): Fen {
  return values.reduce((a, b) => (b < a ? b : a));
}

export function maxFen(...values: Fen[]): Fen {
  return values.reduce((a, b) => (b > a ? b : a));
}

export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/**
 * The one rounding function for money: divides numerator by denominator and rounds
 * half away from zero (the usual commercial rounding for fen).
 */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new AppError('INTERNAL', 'division by zero in money arithmetic');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}
