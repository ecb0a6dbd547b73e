/**
 * Pure auto-invest policy (item 17). A mandate bids only on listings inside every one of its
 * explicit parameters, and never more than: its amount per loan, what is left of its total
 * budget, and what is left under its per-borrower cap (maxBorrowerShareBps of the total budget
 * in any one borrower's listings). The bid batcher may then fill less (the listing's last
 * piece), never more, so the accepted amount stays inside the mandate too.
 */
export interface MandateTerms {
  id: string;
  investorId: string;
  status: 'active' | 'revoked';
  /** Grade letters ("B": B1–B5) or exact sub-grades ("B2"). */
  grades: string[];
  termsMonths: number[];
  minAprBps: number;
  amountPerLoanFen: bigint;
  totalBudgetFen: bigint;
  maxBorrowerShareBps: number;
  lastServedAt: Date | null;
}

export interface ListingTerms {
  id: string;
  borrowerId: string;
  status: string;
  grade: string;
  termMonths: number;
  aprBps: number;
}

/** What the mandate already has at stake: held + posted auto bids (voided ones free budget again). */
export interface MandateUsage {
  spentFen: bigint;
  /** In this listing's borrower. */
  borrowerFen: bigint;
}

export type MandatePlan = { ok: true; requestedFen: bigint } | { ok: false; reason: string };

export function gradeMatches(grades: readonly string[], listingGrade: string): boolean {
  return grades.includes(listingGrade) || grades.includes(listingGrade.slice(0, 1));
}

/** Rounded down (not half up like applyBps): a cap must never let a fen through above the share. */
export function borrowerCapFen(m: Pick<MandateTerms, 'totalBudgetFen' | 'maxBorrowerShareBps'>): bigint {
  return (m.totalBudgetFen * BigInt(m.maxBorrowerShareBps)) / 10_000n;
}

export function planMandateBid(minBidFen: bigint, mandate: MandateTerms, listing: ListingTerms, usage: MandateUsage): MandatePlan {
  if (mandate.status !== 'active') return { ok: false, reason: 'MANDATE_REVOKED' };
  if (listing.status !== 'open') return { ok: false, reason: 'LISTING_NOT_OPEN' };
  if (mandate.investorId === listing.borrowerId) return { ok: false, reason: 'OWN_LISTING' };
  if (!gradeMatches(mandate.grades, listing.grade)) return { ok: false, reason: 'GRADE' };
  if (!mandate.termsMonths.includes(listing.termMonths)) return { ok: false, reason: 'TERM' };
  if (listing.aprBps < mandate.minAprBps) return { ok: false, reason: 'APR' };
  const budgetLeft = mandate.totalBudgetFen - usage.spentFen;
  const borrowerLeft = borrowerCapFen(mandate) - usage.borrowerFen;
  let requestedFen = mandate.amountPerLoanFen;
  if (budgetLeft < requestedFen) requestedFen = budgetLeft;
  if (borrowerLeft < requestedFen) requestedFen = borrowerLeft;
  if (requestedFen < minBidFen) return { ok: false, reason: budgetLeft < minBidFen ? 'BUDGET_USED' : borrowerLeft < minBidFen ? 'BORROWER_SHARE' : 'BELOW_MINIMUM_BID' };
  return { ok: true, requestedFen };
}

/**
 * The documented fair order: round robin by least recently served (never served first), ties
 * by mandate id (ids are time-ordered, so the older mandate wins a tie). Serving a mandate moves
 * it to the back of the queue; a mandate skipped because the listing did not match keeps its place.
 */
export function servingOrder<T extends Pick<MandateTerms, 'id' | 'lastServedAt'>>(mandates: readonly T[]): T[] {
  return [...mandates].sort((a, b) => {
    const ta = a.lastServedAt?.getTime() ?? -Infinity;
    const tb = b.lastServedAt?.getTime() ?? -Infinity;
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
