import 'server-only';
import { apiGet } from './api';

/** Public monthly disclosures and major events. */
export interface DisclosureListItem {
  id: string;
  yearMonth: string;
  asOfDate: string;
  dueBy: string;
  contentHash: string;
  computedAt: string;
}

export interface DisclosureFigure {
  unit: 'fen' | 'count' | 'ratio';
  formula: string;
  value: string;
  numerator?: string;
  denominator?: string;
}

export interface DisclosureSnapshot extends DisclosureListItem {
  content: {
    yearMonth: string;
    asOfDate: string;
    figures: Record<string, DisclosureFigure>;
    feeSchedule: { version: string; effectiveFrom: string; text: string } | null;
  };
}

export function listDisclosures() {
  return apiGet<{ items: DisclosureListItem[] }>('/api/v1/disclosures');
}

export function getDisclosure(yearMonth: string) {
  return apiGet<DisclosureSnapshot>(`/api/v1/disclosures/${encodeURIComponent(yearMonth)}`);
}

export interface MajorEvent {
  id: string;
  kind: string;
  occurredAt: string;
  publishBy: string;
  title: string;
  body: string;
  publishedAt: string | null;
  publishedLate: boolean;
}

export function listMajorEvents() {
  return apiGet<{ items: MajorEvent[] }>('/api/v1/major-events');
}
