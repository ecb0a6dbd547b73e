import type { Db } from '../db/client';
import type { Clock } from '../kernel/clock';

export type CheckStatus = 'pass' | 'fail' | 'info';

export interface CheckResult {
  id: string;
  /** Item number(s) in the compliance requirements list. */
  requirement: string;
  title: string;
  status: CheckStatus;
  evidence: string;
}

export interface ComplianceContext {
  db: Db;
  clock: Clock;
}

export interface ComplianceCheck {
  id: string;
  requirement: string;
  title: string;
  run(ctx: ComplianceContext): Promise<{ status: CheckStatus; evidence: string }>;
}
