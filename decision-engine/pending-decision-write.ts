import type { loanApplications, manualReviews } from '../db/schema';
import type { ApplicationDecisionView } from './application-view';
import type { NewDecisionRecord } from './decision-chain';

/** Advisory-lock key space for per-borrower serialisation of decisions (two-int form). */
export const BORROWER_LOCK_SPACE = 4_242_041;

/** Everything one decided application writes, prepared before any transaction. */
export interface PendingDecisionWrite {
  scope: string;
  key: string;
  requestHash: string;
  createdAt: Date;
  borrowerId: string;
  application: typeof loanApplications.$inferInsert;
  review: typeof manualReviews.$inferInsert | null;
  record: NewDecisionRecord;
  status: number;
  body: ApplicationDecisionView;
  /** The exposure the features saw; the write is refused (retryable) if it has moved since. */
  exposureBeforeFen: number;
}

export interface WriteResult {
  status: number;
  body: ApplicationDecisionView;
  replayed: boolean;
}

export type WriteOutcome = { ok: true; value: WriteResult } | { ok: false; error: unknown };
