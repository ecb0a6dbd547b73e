import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import type { DecisionModels } from '../decision-engine/decide';
import type { DecisionConfig } from '../decision-engine/policy-config';
import { jsonReplacer } from '../kernel/canonical-json';
import type { CustodianBank } from '../ledger';

/** What the auditor reads with: the books (plain SQL), the bank's own statement, the decision runtime. */
export interface AuditContext {
  db: Db;
  bank: CustodianBank;
  /** The models and policy the platform decides with now (the champion after any promotion). */
  replayRuntime: () => Promise<{ models: DecisionModels; config: DecisionConfig }>;
}

export class AuditBreach extends Error {
  constructor(readonly invariant: string, readonly evidence: unknown) {
    super(`invariant "${invariant}" broken: ${JSON.stringify(evidence, jsonReplacer).slice(0, 600)}`);
  }
}

export type Query = ReturnType<typeof sql>;

export async function rows<T>(db: DbOrTx, query: Query): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

/** Runs invariant queries that must return nothing, counting each as one check. */
export function invariantChecker(db: DbOrTx) {
  let checks = 0;
  return {
    async expectNone(invariant: string, query: Query): Promise<void> {
      checks += 1;
      const found = await rows(db, query);
      if (found.length > 0) throw new AuditBreach(invariant, found.slice(0, 5));
    },
    count(extra = 1): void {
      checks += extra;
    },
    get checks(): number {
      return checks;
    },
  };
}
