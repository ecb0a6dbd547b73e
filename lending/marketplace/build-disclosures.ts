import { toYuanString } from '../../kernel/money';
import { formatBps } from '../../kernel/rate';
import type { DecisionForListing } from './decision-source';

/**
 * Item 13 (DG 9): the disclosures a listing cannot be published without. Personal data is
 * masked (name, ID number); amounts are yuan strings. Every field is required, so a missing
 * one is a type error here rather than a gap on the page.
 */
export interface ListingDisclosures {
  borrower: {
    type: 'individual' | 'company';
    maskedName: string;
    maskedIdNumber: string;
    industry: string;
    monthlyIncome: string;
    monthlyDebtPayments: string;
    overdueRecordsLast6Months: number | 'unknown';
    otherPlatformBorrowings: string;
  };
  project: {
    name: string;
    amount: string;
    termMonths: number;
    purpose: string;
    repaymentMethod: string;
    annualRate: string;
    nominalRate: string;
    upfrontFee: string;
    startDate: string;
    repaymentSource: string;
    fundraisingCloses: string;
  };
  riskAssessment: { grade: string; probabilityOfDefault: string; expectedLoss: string; warning: string };
}

export function buildDisclosures(input: {
  decision: DecisionForListing & { grade: string; pd: number; aprBps: number };
  maskedName: string;
  maskedIdNumber: string;
  title: string;
  repaymentSource: string;
  expectedLossBps: number;
  closesOn: string;
}): ListingDisclosures {
  const d = input.decision;
  const app = d.input as { monthlyIncome?: string; monthlyDebtPayments?: string; declaredOtherPlatformOutstanding?: string | null; employment?: { status?: string; occupationClass?: string } };
  const overdue = d.features.bureau_overdue_records_6m;
  return {
    borrower: {
      type: d.borrowerType,
      maskedName: input.maskedName,
      maskedIdNumber: input.maskedIdNumber,
      industry: [app.employment?.status, app.employment?.occupationClass].filter(Boolean).join(' / ') || 'not stated',
      monthlyIncome: app.monthlyIncome ?? 'not stated',
      monthlyDebtPayments: app.monthlyDebtPayments ?? 'not stated',
      overdueRecordsLast6Months: typeof overdue === 'number' ? overdue : 'unknown',
      otherPlatformBorrowings: app.declaredOtherPlatformOutstanding ?? 'not declared',
    },
    project: {
      name: input.title,
      amount: toYuanString(d.amountFen),
      termMonths: d.termMonths,
      purpose: d.purpose,
      repaymentMethod: d.repaymentMethod,
      annualRate: formatBps(d.aprBps),
      nominalRate: formatBps(d.nominalRateBps ?? d.aprBps),
      upfrontFee: toYuanString(d.upfrontFeeFen),
      startDate: 'the disbursement date, after full funding',
      repaymentSource: input.repaymentSource,
      fundraisingCloses: input.closesOn,
    },
    riskAssessment: {
      grade: d.grade,
      probabilityOfDefault: `${(d.pd * 100).toFixed(2)}%`,
      expectedLoss: formatBps(input.expectedLossBps),
      warning: 'Lending carries risk: principal and interest may be lost in part or in full. The platform is an information intermediary and does not guarantee repayment.',
    },
  };
}
