import { en } from './en';
import { zh, type Dictionary } from './zh';

export type Locale = 'zh' | 'en';
export type { Dictionary };
export const LOCALES: readonly Locale[] = ['zh', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh';
export const LOCALE_COOKIE = 'p2p_locale';

const dictionaries: Record<Locale, Dictionary> = { zh, en };

export function dictionaryFor(locale: Locale): Dictionary {
  return dictionaries[locale];
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh' || value === 'en';
}

/**
 * Picks a language from an Accept-Language header: the supported language with the highest
 * q-value wins; ties keep header order; nothing supported means Chinese.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && isLocale(entry.lang))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const best = ranked[0]?.lang;
  return isLocale(best) ? best : DEFAULT_LOCALE;
}

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Messages for API error codes plus the generic ones, for client components. */
export function errorMessages(t: Dictionary): Record<string, string> {
  return { ...t.errors, networkError: t.common.networkError, unknownError: t.common.unknownError };
}
