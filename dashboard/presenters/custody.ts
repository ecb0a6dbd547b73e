import 'server-only';
import { apiGet } from './api';

export interface Balances {
  available: string;
  pendingOut: string;
  held: string;
  total: string;
}

export interface StatementItem {
  entryId: string;
  transferId: string;
  kind: string;
  phase: string;
  account: string;
  direction: 'in' | 'out';
  amount: string;
  amountFen: string;
  pending: boolean;
  at: string;
}

export function getBalances() {
  return apiGet<Balances>('/api/v1/me/balances');
}

export function getStatement(before?: string) {
  const q = before && /^\d{1,19}$/.test(before) ? `&before=${before}` : '';
  return apiGet<{ items: StatementItem[]; nextBefore: string | null }>(`/api/v1/me/statement?limit=50${q}`);
}

export interface ReconciliationStatus {
  fundingFrozen: boolean;
  runs: Array<{ businessDate: string; ranAt: string; accountsCompared: number; mismatches: number }>;
  openIncidents: Array<{ id: string; businessDate: string; bankAccountNo: string; ledgerBalanceFen: string; bankBalanceFen: string; status: string; openedAt: string }>;
}

export function getReconciliation() {
  return apiGet<ReconciliationStatus>('/api/v1/admin/reconciliation?limit=30');
}
