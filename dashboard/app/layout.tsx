import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Header } from '../components/Header';
import { getDictionary } from '../i18n/server';
import { getMe } from '../presenters/me';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: { default: t.appName, template: `%s · ${t.appName}` }, description: t.appTagline };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b4f8a' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ t, locale }, me] = await Promise.all([getDictionary(), getMe()]);
  return (
    <html lang={t.htmlLang}>
      <body>
        <a href="#main" className="skip-link">
          {t.skipToContent}
        </a>
        <Header me={me} t={t} locale={locale} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t.footer.icp}</p>
          <p>{t.footer.custody}</p>
        </footer>
      </body>
    </html>
  );
}
