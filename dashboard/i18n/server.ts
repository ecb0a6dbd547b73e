import 'server-only';
import { cookies, headers } from 'next/headers';
import { dictionaryFor, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Dictionary, type Locale } from './locale';

/** The request's language: the switch cookie if set, else the browser's Accept-Language, else Chinese. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get('accept-language'));
}

export async function getDictionary(): Promise<{ locale: Locale; t: Dictionary }> {
  const locale = await getLocale();
  return { locale, t: dictionaryFor(locale) };
}
