import Link from 'next/link';
import { getDictionary } from '../i18n/server';

export default async function NotFound() {
  const { t } = await getDictionary();
  return (
    <div className="stack">
      <h1>{t.errors.notFoundTitle}</h1>
      <p>{t.errors.notFoundBody}</p>
      <p>
        <Link href="/">{t.errors.home}</Link>
      </p>
    </div>
  );
}
