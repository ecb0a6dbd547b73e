import { toYuanString } from '../../kernel/money';
import { formatBps } from '../../kernel/rate';
import type { Listing } from './listings-repo';

/**
 * What investors see of a listing (never the borrower's id or personal data: the disclosures
 * were masked when the listing was built). The IRR-based APR comes first (item 7).
 */
export function listingSummaryView(l: Listing) {
  const leftFen = l.amountFen - l.fundedFen;
  return {
    id: l.id,
    title: l.title,
    apr: formatBps(l.aprBps),
    aprBps: l.aprBps,
    grade: l.grade,
    pd: l.pd,
    probabilityOfDefault: `${(l.pd * 100).toFixed(2)}%`,
    expectedLoss: formatBps(l.expectedLossBps),
    expectedLossBps: l.expectedLossBps,
    nominalRateBps: l.nominalRateBps,
    termMonths: l.termMonths,
    repaymentMethod: l.repaymentMethod,
    purpose: l.purpose,
    borrowerType: l.borrowerType,
    amount: toYuanString(l.amountFen),
    amountFen: l.amountFen.toString(),
    funded: toYuanString(l.fundedFen),
    fundedFen: l.fundedFen.toString(),
    amountLeft: toYuanString(leftFen),
    amountLeftFen: leftFen.toString(),
    /** Rounded down, so 100% means exactly funded. */
    fundedShareBps: l.amountFen === 0n ? 0 : Number((l.fundedFen * 10_000n) / l.amountFen),
    bidCount: l.bidCount,
    status: l.status,
    relatedParty: l.relatedParty,
    openedAt: l.openedAt.toISOString(),
    closesOn: l.closesOn,
  };
}

export function listingDetailView(l: Listing) {
  return { ...listingSummaryView(l), description: l.description, disclosures: l.disclosures, disclosuresHash: l.disclosuresHash };
}
