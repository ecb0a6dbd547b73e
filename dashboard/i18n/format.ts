import type { Locale } from './locale';

const tag = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-GB');

/** A date and time in China Standard Time, the platform's business time zone. */
export function formatDateTime(locale: Locale, value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(tag(locale), { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function formatDate(locale: Locale, value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleDateString(tag(locale), { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
}

/**
 * Money as the API sends it: a yuan string with two decimals ("1234.56"), or fen as a string
 * or integer when the field ends in Fen. Formatted without ever going through a float.
 */
export function formatYuan(locale: Locale, yuan: string | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(yuan).trim());
  if (!match) return String(yuan);
  const [, sign, whole = '0', frac = ''] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${sign}${grouped}.${frac.padEnd(2, '0')}`;
  return locale === 'zh' ? `¥${amount}` : `¥${amount}`;
}

export function fenToYuanString(fen: string | number | bigint | null | undefined): string | null {
  if (fen === null || fen === undefined || fen === '') return null;
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function formatFen(locale: Locale, fen: string | number | bigint | null | undefined): string {
  return formatYuan(locale, fenToYuanString(fen));
}

/** Basis points as a percentage with two decimals: 1234 → "12.34%". */
export function formatBps(bps: number | string | null | undefined): string {
  if (bps === null || bps === undefined || bps === '') return '—';
  const n = Number(bps);
  if (!Number.isFinite(n)) return String(bps);
  return `${(n / 100).toFixed(2)}%`;
}

/** A ratio (0..1) as a percentage. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatNumber(locale: Locale, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString(tag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
