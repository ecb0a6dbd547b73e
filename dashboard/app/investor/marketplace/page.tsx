import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiErrorNotice, Empty, Forbidden } from '../../../components/Notice';
import { ProgressBar } from '../../../components/ProgressBar';
import { formatBps, formatYuan } from '../../../i18n/format';
import { fmt } from '../../../i18n/locale';
import { getDictionary } from '../../../i18n/server';
import { requireUser } from '../../../presenters/guard';
import { listListings } from '../../../presenters/lending';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.pages.marketplaceTitle };
}

const GRADES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const TERMS = [3, 6, 9, 12, 18, 24, 36];
// API sort keys offered to investors (the API sorts before paging, so pages follow one order).
const SORTS = ['-openedAt', '-apr', 'apr', 'grade', '-grade', 'term', '-amountLeft', '-fundedShare', 'closesOn'] as const;
const DEFAULT_SORT = '-openedAt';
const LIMIT = 20;

type Search = { grade?: string; term?: string; minApr?: string; maxApr?: string; minAmountLeft?: string; sort?: string; offset?: string };

/** "9.5" → 950 basis points without floating point; anything else is ignored. */
function percentToBps(value: string | undefined): number | undefined {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec((value ?? '').trim());
  if (!m) return undefined;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bps <= 10_000 ? bps : undefined;
}

export default async function MarketplacePage({ searchParams }: { searchParams: Promise<Search> }) {
  const { t, locale } = await getDictionary();
  const { allowed } = await requireUser('/investor/marketplace', ['investor']);
  if (!allowed) return <Forbidden t={t} />;
  const sp = await searchParams;
  const m = t.market;
  const grade = GRADES.includes(sp.grade ?? '') ? sp.grade! : '';
  const term = TERMS.includes(Number(sp.term)) ? String(Number(sp.term)) : '';
  const minAprBps = percentToBps(sp.minApr);
  const maxAprBps = percentToBps(sp.maxApr);
  const minAmountLeft = /^\d{1,13}(\.\d{1,2})?$/.test(sp.minAmountLeft ?? '') ? sp.minAmountLeft : undefined;
  const sort = SORTS.includes(sp.sort as (typeof SORTS)[number]) ? sp.sort! : DEFAULT_SORT;
  const offset = Math.max(0, Math.min(100_000, Number.parseInt(sp.offset ?? '0', 10) || 0));
  // The API filters by sub-grade ("B1,B2…"); a letter means all five.
  const result = await listListings({
    ...(grade ? { grade: [1, 2, 3, 4, 5].map((n) => `${grade}${n}`).join(',') } : {}),
    ...(term ? { term } : {}),
    ...(minAprBps !== undefined ? { minAprBps } : {}),
    ...(maxAprBps !== undefined ? { maxAprBps } : {}),
    ...(minAmountLeft ? { minAmountLeft } : {}),
    sort,
    limit: LIMIT,
    offset,
  });
  const query = (o: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ grade, term, minApr: sp.minApr ?? '', maxApr: sp.maxApr ?? '', minAmountLeft: minAmountLeft ?? '', sort: sort === DEFAULT_SORT ? '' : sort })) if (v) q.set(k, v);
    if (o > 0) q.set('offset', String(o));
    const s = q.toString();
    return `/investor/marketplace${s ? `?${s}` : ''}`;
  };
  return (
    <div className="stack">
      <h1>{t.pages.marketplaceTitle}</h1>
      <p className="lead">{t.pages.marketplaceIntro}</p>
      <form method="get" action="/investor/marketplace" className="card filters" aria-labelledby="filters-title">
        <h2 id="filters-title" className="visually-hidden">{m.filters}</h2>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="f-grade">{m.grade}</label>
            <select id="f-grade" name="grade" defaultValue={grade}>
              <option value="">{m.anyGrade}</option>
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {t.grades[g] ?? g}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-term">{m.term}</label>
            <select id="f-term" name="term" defaultValue={term}>
              <option value="">{m.anyTerm}</option>
              {TERMS.map((n) => (
                <option key={n} value={n}>
                  {fmt(m.months, { n })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-min-apr">{m.minApr}</label>
            <input id="f-min-apr" name="minApr" inputMode="decimal" defaultValue={sp.minApr ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="f-max-apr">{m.maxApr}</label>
            <input id="f-max-apr" name="maxApr" inputMode="decimal" defaultValue={sp.maxApr ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="f-left">{m.minAmountLeft}</label>
            <input id="f-left" name="minAmountLeft" inputMode="decimal" defaultValue={minAmountLeft ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="f-sort">{m.sort}</label>
            <select id="f-sort" name="sort" defaultValue={sort} aria-describedby="f-sort-hint">
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {m.sorts[s]}
                </option>
              ))}
            </select>
            <span id="f-sort-hint" className="hint">{m.sortNote}</span>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {m.apply}
          </button>
          <Link href="/investor/marketplace">{m.reset}</Link>
        </div>
      </form>
      {!result.ok ? (
        <ApiErrorNotice error={result.error} t={t} />
      ) : result.data.items.length === 0 ? (
        <Empty>{m.empty}</Empty>
      ) : (
        <>
          <p className="muted" role="status">
            {fmt(m.results, { total: result.data.total })}
          </p>
          <ul className="listing-grid" data-testid="listings">
            {result.data.items.map((l) => (
              <li key={l.id} className="listing-card" data-testid="listing">
                <div className="listing-card-head">
                  <span className="grade-badge" aria-label={`${m.grade} ${l.grade}`}>
                    {l.grade}
                  </span>
                  <h2>
                    <Link href={`/listings/${l.id}`}>{l.title}</Link>
                  </h2>
                </div>
                <p className="listing-apr">
                  <span className="listing-apr-value">{l.apr}</span>
                  <span className="muted">{m.apr}</span>
                </p>
                <dl className="pairs">
                  <dt>{m.term}</dt>
                  <dd>{fmt(m.months, { n: l.termMonths })}</dd>
                  <dt>{m.amount}</dt>
                  <dd>{formatYuan(locale, l.amount)}</dd>
                  <dt>{m.amountLeft}</dt>
                  <dd>{formatYuan(locale, l.amountLeft)}</dd>
                  <dt>{m.pd}</dt>
                  <dd>{l.probabilityOfDefault}</dd>
                  <dt>{m.expectedLoss}</dt>
                  <dd>{l.expectedLoss}</dd>
                </dl>
                <ProgressBar bps={l.fundedShareBps} label={fmt(m.fundedShare, { p: formatBps(l.fundedShareBps) })} />
                {l.relatedParty ? <span className="badge badge-warn">{m.relatedParty}</span> : null}
              </li>
            ))}
          </ul>
          <nav className="row" aria-label={fmt(t.common.page, { n: Math.floor(offset / LIMIT) + 1 })}>
            {offset > 0 ? <Link href={query(Math.max(0, offset - LIMIT))}>{t.common.previous}</Link> : null}
            <span className="muted">{fmt(t.common.page, { n: Math.floor(offset / LIMIT) + 1 })}</span>
            {offset + LIMIT < result.data.total ? <Link href={query(offset + LIMIT)}>{t.common.next}</Link> : null}
          </nav>
        </>
      )}
    </div>
  );
}
