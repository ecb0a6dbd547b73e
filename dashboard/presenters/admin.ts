import 'server-only';
import { apiGet } from './api';
import type { Role } from './me';

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  status: 'active' | 'disabled';
  createdAt: string;
  roles: Role[];
}

export interface AuditRow {
  seq: string;
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
}

export const PAGE_SIZE = 50;

export function listUsers(offset: number) {
  return apiGet<Page<AdminUser>>(`/api/v1/admin/users?limit=${PAGE_SIZE}&offset=${offset}`);
}

export function listAudit(offset: number) {
  return apiGet<Page<AuditRow>>(`/api/v1/admin/audit?limit=${PAGE_SIZE}&offset=${offset}`);
}

export function parseOffset(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export interface ComplianceReport {
  checkedAt: string;
  passed: number;
  failed: number;
  results: Array<{ id: string; requirement: string; title: string; status: 'pass' | 'fail' | 'info'; evidence: string }>;
}

export function getCompliance() {
  return apiGet<ComplianceReport>('/api/v1/admin/compliance');
}
