import 'server-only';
import { apiGet } from './api';

export interface RuleSetRow {
  id: string;
  kind: 'policy' | 'fraud';
  name: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  deployment: 'live' | 'shadow' | null;
  definitionHash: string;
  authorId: string;
  approvedBy: string | null;
  createdAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
}

export interface ShadowPair {
  policyRuleSetId: string;
  fraudRuleSetId: string;
  decisions: number;
  agreements: number;
  agreementRate: number | null;
  transitions: Record<string, number>;
}

export function listRuleSets() {
  return apiGet<{ items: RuleSetRow[] }>('/api/v1/rule-sets');
}

export function getRuleSet(id: string) {
  return apiGet<RuleSetRow & { definition: unknown }>(`/api/v1/rule-sets/${encodeURIComponent(id)}`);
}

export function getShadowComparison() {
  return apiGet<{ items: ShadowPair[] }>('/api/v1/rule-sets/shadow-comparison');
}
