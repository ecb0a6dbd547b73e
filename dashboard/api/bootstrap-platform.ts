import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import { openPlatformCustody, type CustodianBank } from '../../ledger';
import { seedDefaultRuleSets } from '../../rules/default-rule-sets';

/**
 * What a fresh platform needs before its first request: the platform's own custody accounts
 * (fee income, marketing budget) and the default policy and fraud rule sets. Idempotent; run
 * at every start (and by the test API harness), so no request ever writes them as a side effect.
 */
export async function bootstrapPlatform(deps: { db: Db; clock: Clock; bank: CustodianBank }): Promise<void> {
  await openPlatformCustody(deps);
  await seedDefaultRuleSets(deps.db, deps.clock.now());
}
