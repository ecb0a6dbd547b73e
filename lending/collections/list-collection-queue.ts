import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { collectionCases, collectionInteractions, loans } from '../../db/schema';

/** The collectors' work queue: open cases, most days past due first. */
export async function listCollectionQueue(db: DbOrTx, options: { stage?: string; limit: number; offset: number }) {
  const where = options.stage ? and(eq(collectionCases.status, 'open'), eq(collectionCases.stage, options.stage)) : eq(collectionCases.status, 'open');
  return db
    .select({
      caseId: collectionCases.id,
      loanId: collectionCases.loanId,
      debtorId: collectionCases.debtorId,
      stage: collectionCases.stage,
      assignedTo: collectionCases.assignedTo,
      daysPastDue: loans.daysPastDue,
      delinquencyStatus: loans.delinquencyStatus,
      principalOutstandingFen: loans.principalOutstandingFen,
      updatedAt: collectionCases.updatedAt,
    })
    .from(collectionCases)
    .innerJoin(loans, eq(loans.id, collectionCases.loanId))
    .where(where)
    .orderBy(desc(loans.daysPastDue), asc(collectionCases.id))
    .limit(options.limit)
    .offset(options.offset);
}

export async function listCaseInteractions(db: DbOrTx, caseId: string) {
  return db.select().from(collectionInteractions).where(eq(collectionInteractions.caseId, caseId)).orderBy(asc(collectionInteractions.at));
}
