import 'server-only';
import { apiGet } from './api';

export interface Probe {
  ok: boolean;
  error?: string;
  latencyMs: number;
}

export interface Health {
  status: 'ok' | 'degraded';
  database: Probe;
  redis: Probe;
  missing: string[];
  time: string;
}

/** The API's health report; null when the API itself cannot be reached. */
export async function getHealth(): Promise<Health | null> {
  const result = await apiGet<Health>('/api/health', { timeoutMs: 5_000 });
  if (result.ok) return result.data;
  // 503 still carries the report.
  return result.status === 503 && result.body && typeof result.body === 'object' && 'database' in result.body ? (result.body as Health) : null;
}
