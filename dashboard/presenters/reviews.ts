import 'server-only';
import { apiGet } from './api';

export interface ReviewItem {
  id: string;
  kind: 'referral' | 'explanation_request';
  status: 'open' | 'decided';
  applicationId: string;
  requestedAmount: string;
  termMonths: number;
  purpose: string;
  automatedOutcome: string;
  grade: string | null;
  pd: number | null;
  limit: string;
  reasons: Array<{ code: string; message: { zh: string; en: string } }>;
  requestNote: string | null;
  reviewerId: string | null;
  outcome: string | null;
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export function listReviews(status: 'open' | 'decided') {
  return apiGet<{ items: ReviewItem[] }>(`/api/v1/reviews?status=${status}&limit=100`);
}
