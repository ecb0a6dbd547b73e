import Link from 'next/link';
import { fmt, type Dictionary } from '../i18n/locale';

/** Previous / next links for offset paging. */
export function Pager({ basePath, offset, limit, count, t }: { basePath: string; offset: number; limit: number; count: number; t: Dictionary }) {
  const hasPrevious = offset > 0;
  const hasNext = count >= limit;
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="row" aria-label={fmt(t.common.page, { n: Math.floor(offset / limit) + 1 })}>
      {hasPrevious ? <Link href={`${basePath}?offset=${Math.max(0, offset - limit)}`}>{t.common.previous}</Link> : null}
      <span className="muted">{fmt(t.common.page, { n: Math.floor(offset / limit) + 1 })}</span>
      {hasNext ? <Link href={`${basePath}?offset=${offset + limit}`}>{t.common.next}</Link> : null}
    </nav>
  );
}
