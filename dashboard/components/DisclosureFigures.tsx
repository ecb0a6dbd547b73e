import { formatFen } from '../i18n/format';
import { fmt, type Dictionary, type Locale } from '../i18n/locale';
import type { DisclosureFigure } from '../presenters/disclosures';

/** The figures grouped as the regulator's table groups them. */
export const FIGURE_GROUPS: Array<[string, string[]]> = [
  ['scale', ['cumulativeLendingFen', 'cumulativeLendingCount', 'outstandingPrincipalFen', 'outstandingLoanCount', 'outstandingInterestFen', 'relatedPartyOutstandingFen', 'relatedPartyLoanCount']],
  ['people', ['cumulativeLenders', 'cumulativeBorrowers', 'lendersThisPeriod', 'borrowersThisPeriod', 'currentLenders', 'currentBorrowers']],
  ['concentration', ['top10BorrowersShare', 'largestBorrowerShare', 'top10LendersShare', 'largestLenderShare']],
  ['overdue', ['overdueAmountFen', 'overdueLoanCount', 'over90OverdueAmountFen', 'over90OverdueLoanCount', 'cumulativeCompensationFen', 'cumulativeCompensationCount']],
  ['rates', ['projectOverdueRate', 'amountOverdueRate', 'projectOverdueRateUpTo90', 'projectOverdueRate91To180', 'projectOverdueRateOver180', 'amountOverdueRateUpTo90', 'amountOverdueRate91To180', 'amountOverdueRateOver180']],
  ['perCapita', ['perCapitaBorrowingFen', 'perCapitaLendingFen']],
];

/** A published figure as text: fen as yuan, counts as integers, ratios as the stored percentage. */
export function figureText(locale: Locale, f: DisclosureFigure): string {
  if (f.unit === 'fen') return formatFen(locale, f.value);
  if (f.unit === 'ratio') return `${f.value}%`;
  return f.value;
}

/** A ratio's exact parts: loan counts for the project overdue rates, fen (shown as yuan) for the rest. */
function exactParts(locale: Locale, key: string, f: DisclosureFigure): { num: string; den: string } {
  if (key.startsWith('project')) return { num: f.numerator ?? '', den: f.denominator ?? '' };
  return { num: formatFen(locale, f.numerator), den: formatFen(locale, f.denominator) };
}

export function DisclosureTable({ figures, t, locale }: { figures: Record<string, DisclosureFigure>; t: Dictionary; locale: Locale }) {
  const d = t.disclosurePages;
  const listed = new Set(FIGURE_GROUPS.flatMap(([, keys]) => keys));
  const extra = Object.keys(figures).filter((k) => !listed.has(k));
  const groups: Array<[string, string[]]> = extra.length ? [...FIGURE_GROUPS, ['other', extra]] : FIGURE_GROUPS;
  return (
    <div className="stack" data-testid="disclosure-figures">
      {groups.map(([group, keys]) => (
        <div className="table-wrap" key={group}>
          <table className="disclosure-table">
            <caption>{d.groups[group] ?? group}</caption>
            <colgroup>
              <col className="figure-col" />
              <col className="value-col" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{d.figure}</th>
                <th scope="col" className="num">{d.value}</th>
                <th scope="col">{d.formula}</th>
              </tr>
            </thead>
            <tbody>
              {keys
                .filter((k) => figures[k])
                .map((k) => {
                  const f = figures[k]!;
                  return (
                    <tr key={k} data-figure={k}>
                      <th scope="row" style={{ background: 'transparent', fontWeight: 600, whiteSpace: 'normal' }}>
                        {d.labels[k] ?? k}
                      </th>
                      <td className="num nowrap" data-testid={`figure-${k}`}>
                        {figureText(locale, f)}
                        {f.unit === 'ratio' && f.numerator !== undefined ? <div className="formula">{fmt(d.exact, exactParts(locale, k, f))}</div> : null}
                      </td>
                      <td className="formula">{f.formula}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      ))}
      <p className="muted">{d.formulaNote}</p>
    </div>
  );
}
