/**
 * The disclosure table of REQUIREMENTS (DG 8, NIFA definitions), one entry per published
 * figure: its unit and the formula published beside it. T is the month's last day (China
 * date). "Overdue" means due before T and not paid by the end of T (a payment on the due date
 * is on time); days past due = T − due date of the oldest installment with principal or
 * interest unpaid. Amounts are fen; rates are exact ratios (numerator / denominator).
 */
export const DISCLOSURE_FORMULAS = {
  cumulativeLendingFen: ['fen', 'Σ principal of loans funded (start date) on or before T'],
  cumulativeLendingCount: ['count', 'number of loans funded on or before T'],
  outstandingPrincipalFen: ['fen', 'Σ over loans funded by T of (principal − principal repaid by T)'],
  outstandingLoanCount: ['count', 'loans with principal outstanding at T'],
  outstandingInterestFen: ['fen', 'Σ over loans with principal outstanding of (scheduled interest − interest paid by T)'],
  cumulativeLenders: ['count', 'distinct investors holding a share of a loan funded by T'],
  cumulativeBorrowers: ['count', 'distinct borrowers of loans funded by T'],
  lendersThisPeriod: ['count', 'distinct investors in loans funded in the month'],
  borrowersThisPeriod: ['count', 'distinct borrowers of loans funded in the month'],
  currentLenders: ['count', 'distinct investors whose share has principal outstanding at T'],
  currentBorrowers: ['count', 'distinct borrowers with principal outstanding at T'],
  top10BorrowersShare: ['ratio', 'Σ outstanding principal of the 10 largest borrowers ÷ outstanding principal'],
  largestBorrowerShare: ['ratio', 'largest borrower\'s outstanding principal ÷ outstanding principal'],
  largestLenderShare: ['ratio', 'largest investor\'s outstanding principal ÷ Σ investors\' outstanding principal'],
  top10LendersShare: ['ratio', 'Σ outstanding principal of the 10 largest investors ÷ Σ investors\' outstanding principal'],
  relatedPartyOutstandingFen: ['fen', 'outstanding principal of loans to borrowers related to the platform'],
  relatedPartyLoanCount: ['count', 'loans to related-party borrowers with principal outstanding'],
  overdueAmountFen: ['fen', 'Σ principal + interest due before T and unpaid at T'],
  overdueLoanCount: ['count', 'loans with principal or interest due before T unpaid at T'],
  over90OverdueAmountFen: ['fen', 'outstanding principal of loans more than 90 days past due (90 itself excluded)'],
  over90OverdueLoanCount: ['count', 'loans more than 90 days past due'],
  cumulativeCompensationFen: ['fen', 'Σ paid by third-party guarantors (代偿) on or before T'],
  cumulativeCompensationCount: ['count', 'number of compensation payments on or before T'],
  projectOverdueRate: ['ratio', 'overdue loans ÷ outstanding loans'],
  amountOverdueRate: ['ratio', 'overdue amount ÷ (outstanding principal + outstanding interest)'],
  projectOverdueRateUpTo90: ['ratio', 'overdue loans 1–90 days past due ÷ outstanding loans'],
  projectOverdueRate91To180: ['ratio', 'overdue loans 91–180 days past due ÷ outstanding loans'],
  projectOverdueRateOver180: ['ratio', 'overdue loans more than 180 days past due ÷ outstanding loans'],
  amountOverdueRateUpTo90: ['ratio', 'overdue amount of loans 1–90 days past due ÷ (outstanding principal + outstanding interest)'],
  amountOverdueRate91To180: ['ratio', 'overdue amount of loans 91–180 days past due ÷ (outstanding principal + outstanding interest)'],
  amountOverdueRateOver180: ['ratio', 'overdue amount of loans more than 180 days past due ÷ (outstanding principal + outstanding interest)'],
  perCapitaBorrowingFen: ['fen', 'cumulative lending amount ÷ cumulative borrowers, rounded half up to the fen'],
  perCapitaLendingFen: ['fen', 'cumulative lending amount ÷ cumulative lenders, rounded half up to the fen'],
} as const satisfies Record<string, readonly ['fen' | 'count' | 'ratio', string]>;

export type DisclosureKey = keyof typeof DISCLOSURE_FORMULAS;
