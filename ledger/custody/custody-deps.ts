import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import type { CustodianBank } from './custodian-bank';

/** What the custody use cases need: the database (not a transaction: the bank is remote), a clock, the bank. */
export interface CustodyDeps {
  db: Db;
  clock: Clock;
  bank: CustodianBank;
}
