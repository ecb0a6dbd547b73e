'use server';

import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE } from '../i18n/locale';

/** The language switch: remembers the choice for a year. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 3600,
    sameSite: 'lax',
    httpOnly: true,
    // Secure in production; COOKIE_SECURE=false only for a plain-http demo on another host.
    secure: process.env.NODE_ENV === 'production' && process.env.COOKIE_SECURE !== 'false',
  });
}
