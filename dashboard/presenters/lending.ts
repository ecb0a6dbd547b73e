import 'server-only';
import { apiGet } from './api';

/** Marketplace, investor and servicing reads (the API's yuan strings are passed through untouched). */
export interface ListingSummary {
  id: string;
  title: string;
  /** IRR-based annual rate, e.g. "11.00%". */
  apr: string;
  aprBps: number;
  grade: string;
  pd: number;
  probabilityOfDefault: string;
  expectedLoss: string;
  expectedLossBps: number;
  nominalRateBps: number;
  termMonths: number;
  repaymentMethod: string;
  purpose: string;
  borrowerType: string;
  amount: string;
  funded: string;
  amountLeft: string;
  amountLeftFen: string;
  fundedShareBps: number;
  bidCount: number;
  status: string;
  relatedParty: boolean;
  openedAt: string;
  closesOn: string;
}

export interface ListingDisclosures {
  borrower: Record<string, string | number>;
  project: Record<string, string | number>;
  riskAssessment: Record<string, string>;
}

export interface ListingDetail extends ListingSummary {
  description: string;
  disclosures: ListingDisclosures;
  disclosuresHash: string;
}

export interface ListingQuery {
  grade?: string;
  term?: string;
  minAprBps?: number;
  maxAprBps?: number;
  minAmountLeft?: string;
  /** An API sort key, e.g. "-apr" (GET /api/v1/listings sorts before paging). */
  sort?: string;
  limit: number;
  offset: number;
}

export function listListings(q: ListingQuery) {
  const params = new URLSearchParams();
  if (q.grade) params.set('grade', q.grade);
  if (q.term) params.set('term', q.term);
  if (q.minAprBps !== undefined) params.set('minAprBps', String(q.minAprBps));
  if (q.maxAprBps !== undefined) params.set('maxAprBps', String(q.maxAprBps));
  if (q.minAmountLeft) params.set('minAmountLeft', q.minAmountLeft);
  if (q.sort) params.set('sort', q.sort);
  params.set('limit', String(q.limit));
  params.set('offset', String(q.offset));
  return apiGet<{ items: ListingSummary[]; total: number; limit: number; offset: number }>(`/api/v1/listings?${params}`);
}

export function getListing(id: string) {
  return apiGet<ListingDetail>(`/api/v1/listings/${encodeURIComponent(id)}`);
}

export interface InvestorStatus {
  assessed: boolean;
  tier: string | null;
  score: number | null;
  assessedAt: string | null;
  limits: { gradeLetters: string[]; maxPerLoan: string; maxTotal: string } | null;
  acknowledgment: { currentVersion: string; acknowledgedVersion: string | null; acknowledged: boolean };
  assetGuardEnabled: boolean;
  readyToBid: boolean;
}

export function getInvestorStatus() {
  return apiGet<InvestorStatus>('/api/v1/me/investor');
}

export interface Mandate {
  id: string;
  status: 'active' | 'revoked';
  grades: string[];
  termsMonths: number[];
  minAprBps: number;
  amountPerLoan: string;
  totalBudget: string;
  spent: string;
  maxBorrowerShareBps: number;
  lastServedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export function listMandates() {
  return apiGet<{ items: Mandate[] }>('/api/v1/me/auto-invest');
}

export interface BidView {
  id: string;
  listingId: string;
  requested: string;
  amount: string;
  status: 'held' | 'posted' | 'voided';
  source: string;
  createdAt: string;
  disclosuresUrl: string;
  listing?: { title: string; grade: string; status: string; aprBps: number; termMonths: number };
}

export function listMyBids(limit: number, offset: number) {
  return apiGet<{ items: BidView[]; total: number }>(`/api/v1/me/bids?limit=${limit}&offset=${offset}`);
}

export interface ContractView {
  id: string;
  listingId: string;
  title: string;
  role: 'borrower' | 'investor';
  sha256: string;
  principal: string;
  consented: boolean;
  createdAt: string;
}

export function listMyContracts() {
  return apiGet<{ items: ContractView[] }>('/api/v1/me/contracts');
}

export interface Portfolio {
  holdings: Array<{ loanId: string; grade: string; status: string; delinquencyStatus: string; principal: string; outstandingPrincipal: string; received: string; due: string; overdue: string }>;
  totals: { invested: string; outstandingPrincipal: string; received: string; due: string; overdue: string };
  xirr: number | null;
}

export function getPortfolio() {
  return apiGet<Portfolio>('/api/v1/me/portfolio');
}

export interface BorrowerLoan {
  id: string;
  status: string;
  delinquencyStatus: string;
  daysPastDue: number;
  aprBps: number;
  annualRateBps: number;
  repaymentMethod: string;
  startDate: string;
  maturityDate: string;
  principal: string;
  principalOutstanding: string;
  dueNow: string;
  next: { installmentNo: number; dueDate: string; owed: string } | null;
  schedule: Array<{ installmentNo: number; dueDate: string; principal: string; interest: string; fee: string; penalty: string; owed: string; settledOn: string | null }>;
}

export function listMyLoans() {
  return apiGet<{ items: BorrowerLoan[] }>('/api/v1/me/loans');
}

