import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { executePrepared } from '../db/execute-prepared';
import { identities } from '../db/schema';
import { borrowerFactsBatcherFor } from './borrower-facts-batcher';
import { platformExposureSource, type BorrowerExposureSource } from './exposure-source';
import { platformHistoryAsOf } from './platform-history';
import type { BorrowerFacts, VerifiedIdentityKeys } from './read-borrower-facts';

export type { BorrowerFacts, VerifiedIdentityKeys } from './read-borrower-facts';

/**
 * A borrower's facts as of `asOf`: with the platform's exposure, one read grouped with the
 * others in flight (borrower-facts-batcher.ts); a non-default exposure source is asked
 * separately (it is a port).
 */
export async function borrowerFactsAsOf(db: DbOrTx, borrowerId: string, asOf: Date, exposureSource: BorrowerExposureSource = platformExposureSource): Promise<BorrowerFacts> {
  if (exposureSource !== platformExposureSource) {
    const [identity, history, exposure] = await Promise.all([identityKeys(db, borrowerId), platformHistoryAsOf(db, borrowerId, asOf), exposureSource.exposure(db, borrowerId, asOf)]);
    return { identity, history, exposure };
  }
  return borrowerFactsBatcherFor(db).read(borrowerId, asOf);
}

async function identityKeys(db: DbOrTx, borrowerId: string): Promise<VerifiedIdentityKeys | undefined> {
  const result = await executePrepared<{ id_number_bidx: string; phone_bidx: string; birth_date_enc: string }>(
    db,
    sql`SELECT id_number_bidx, phone_bidx, birth_date_enc FROM ${identities} WHERE user_id = ${borrowerId} AND status = 'verified' AND verified_at IS NOT NULL`,
  );
  return result.rows[0] ? { idNumberBidx: result.rows[0].id_number_bidx, phoneBidx: result.rows[0].phone_bidx, birthDateEnc: result.rows[0].birth_date_enc } : undefined;
}
