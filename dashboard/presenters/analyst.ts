import 'server-only';
import { apiGet } from './api';

/** Analyst reads: scoring overview, models, monitoring, portfolio analytics, collections, alerts. */
export interface ScoringOverview {
  from: string;
  to: string;
  total: number;
  approvalRate: number | null;
  perDay: Array<{ date: string; decisions: number; approvalRate: number; outcomes: Record<'approved' | 'counter_offer' | 'referred' | 'declined', number> }>;
  pdHistogram: Array<{ lower: number; upper: number; count: number }>;
  gradeMix: Array<{ grade: string; count: number; share: number }>;
}

export function getScoringOverview(days: number) {
  return apiGet<ScoringOverview>(`/api/v1/analytics/scoring-overview?days=${days}`);
}

export interface ModelSummary {
  id: string;
  kind: 'credit' | 'fraud';
  name: string;
  trainingDataHash: string;
  featureSetVersion: string;
  owner: string;
  intendedUse: string;
  status: string;
  role: string;
  createdBy: string;
  createdAt: string;
}

export interface Evaluation {
  sample?: string;
  auc: number;
  gini: number;
  ks: number;
  brier: number;
  n: number;
  positives: number;
  reliability: Array<{ lower: number; upper: number; count: number; meanPredicted: number; observedRate: number }>;
  confusion: Array<{ threshold: number; tp: number; fp: number; tn: number; fn: number; flaggedRate: number; precision: number }>;
  roc: Array<{ threshold: number; fpr: number; tpr: number }>;
}

export interface ModelDetail extends ModelSummary {
  metrics: { evaluation?: Evaluation; holdout?: Record<string, number | undefined>; [key: string]: unknown };
  modelType: string;
  calibration: string;
}

export function listModels(kind?: string) {
  return apiGet<{ items: ModelSummary[] }>(`/api/v1/models${kind === 'credit' || kind === 'fraud' ? `?kind=${kind}` : ''}`);
}

export function getModel(id: string) {
  return apiGet<ModelDetail>(`/api/v1/models/${encodeURIComponent(id)}`);
}

type PsiStatus = 'stable' | 'watch' | 'alert';
interface ParityGroup {
  group: string;
  n: number;
  approvalRate: number;
  /** Null when no group was approved at all (the ratio to the highest rate is 0 ÷ 0, NaN in JSON). */
  ratio: number | null;
  passesFourFifths: boolean;
}
export interface MonitoringReport {
  kind: string;
  modelVersionId: string;
  window: { from: string; to: string; decisions: number };
  status: PsiStatus;
  stability: { score: { psi: number; status: PsiStatus }; features: Array<{ feature: string; psi: number; status: PsiStatus }> } | null;
  discrimination: { labelled: number; auc: number | null; ks: number | null };
  defaultByGrade: Array<{ grade: string; n: number; expectedRate: number; actualRate: number; ratio: number }>;
  fairness: { ageBands: ParityGroup[]; gender: ParityGroup[]; passesFourFifths: boolean };
  notes: string[];
}

export function getMonitoring(kind: 'credit' | 'fraud', windowDays = 30) {
  return apiGet<MonitoringReport>(`/api/v1/models/monitoring?kind=${kind}&windowDays=${windowDays}`);
}

type Num = number | string;
export function getOverdueRates() {
  return apiGet<{ items: Array<{ grade: string; termMonths: number; loans: Num; overdueLoans: Num; over90Loans: Num; countRate: number; amountRate: number }> }>('/api/v1/analytics/overdue-rates');
}
export function getVintages() {
  return apiGet<{ items: Array<{ vintage: string; monthsOnBook: number; loans: Num; cumulative30PlusRate: number; cumulative90PlusRate: number }> }>('/api/v1/analytics/vintages');
}
export function getRollRates(from: string, to: string) {
  return apiGet<{ items: Array<{ from: string; to: string; loans: Num; share: number }> }>(`/api/v1/analytics/roll-rates?from=${from}&to=${to}`);
}
export function getExpectedLoss() {
  return apiGet<{ lgdBps: number; byGrade: Array<{ grade: string; loans: Num; exposureFen: Num; expectedLossFen: Num; averagePd: number }> }>('/api/v1/analytics/expected-loss');
}
export function getDefaultVsExpected() {
  return apiGet<{ items: Array<{ grade: string; loans: Num; defaults: Num; actualRate: number; expectedRate: number }> }>('/api/v1/analytics/default-vs-expected');
}

export interface CollectionCase {
  caseId: string;
  loanId: string;
  debtorId: string;
  stage: string;
  assignedTo: string | null;
  daysPastDue: number;
  delinquencyStatus: string;
  principalOutstanding: string;
  updatedAt: string;
}

export function getCollectionQueue(stage: string | undefined, limit: number, offset: number) {
  const s = stage && /^(reminder|soft|calls|formal|legal)$/.test(stage) ? `&stage=${stage}` : '';
  return apiGet<{ items: CollectionCase[] }>(`/api/v1/collections/queue?limit=${limit}&offset=${offset}${s}`);
}

export interface MonitoringAlert {
  id: string;
  loanId: string;
  borrowerId: string;
  rule: string;
  windowKey: string;
  details: unknown;
  status: string;
  createdAt: string;
}

export function getAlerts(status: 'open' | 'closed', limit: number, offset: number) {
  return apiGet<{ items: MonitoringAlert[] }>(`/api/v1/monitoring/alerts?status=${status}&limit=${limit}&offset=${offset}`);
}
