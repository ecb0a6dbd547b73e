import 'server-only';
import { headers } from 'next/headers';
import { apiGet } from './api';

export type KycStatus =
  | { verified: false }
  | { verified: true; name: string; idNumber: string; phone: string; gender: string; verifiedAt: string };

export interface ApplicationView {
  id: string;
  outcome: 'approved' | 'declined' | 'referred' | 'counter_offer';
  grade: string | null;
  limit: string;
  offeredAmount: string;
  requestedAmount: string;
  termMonths: number;
  repaymentMethod: string;
  /** IRR-based annual rate including all charges, percent with two decimals. */
  apr: string | null;
  aprBps: number | null;
  nominalRate: string | null;
  upfrontFee: string | null;
  reasons: Array<{ code: string; message: { zh: string; en: string } }>;
  decisionId: string;
  decisionKind: 'automated' | 'manual_review' | 'human_redecision';
  decidedAt: string;
}

export function getKyc() {
  return apiGet<KycStatus>('/api/v1/me/kyc');
}

export function listMyApplications() {
  return apiGet<{ items: ApplicationView[] }>('/api/v1/me/applications?limit=100');
}

export function getApplication(id: string) {
  return apiGet<ApplicationView>(`/api/v1/applications/${encodeURIComponent(id)}`);
}

/** The client's address as this server saw it (the application records it for fraud checks). */
export async function clientIp(): Promise<string> {
  const h = await headers();
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || '';
  const ip = forwarded.replace(/^::ffff:/, '');
  return /^[0-9.]+$|^[0-9a-f:]+$/i.test(ip) && ip.length > 0 ? ip : '127.0.0.1';
}
