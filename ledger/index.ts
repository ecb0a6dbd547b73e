/**
 * Ledger and custody: the public surface for other contexts (marketplace, servicing, jobs, API).
 * Import from 'ledger' only (never from files inside it).
 *
 * MODEL
 * - Every yuan sits at the custodian bank in its owner's own sub-account; this ledger mirrors
 *   the bank. Accounts are keyed by (ownerKind, ownerId, purpose) — see ACCOUNT_TYPES:
 *   user:available, user:held, listing:escrow, platform:fee, platform:marketing,
 *   guarantor:available, external:world (money outside custody). There is no platform pool.
 * - Balances are bigint fen, TigerBeetle style: debits/credits × pending/posted. Credit-normal
 *   accounts can never go negative (database CHECK constraints).
 * - Transfers have a kind (TRANSFER_RULES in policy.ts decides which account types each kind may
 *   debit and credit, and which user authorisation it needs) and ≥ 2 balanced postings.
 *   Entries and transfers are append-only (the database refuses UPDATE/DELETE/TRUNCATE).
 * - Every write carries an idempotency key: a replay returns the first transfer id with status
 *   'replayed'; the same key with a different body throws IDEMPOTENCY_MISMATCH.
 *
 * WRITING (all take `(db | tx, clock, …)` and work INSIDE the caller's transaction; one round trip each)
 * - openUserAccounts(tx, clock, userId), openAccounts(tx, clock, [listingEscrow(id)…]),
 *   openPlatformAccounts(tx, clock) — idempotent.
 * - createTransfers(tx, clock, [simpleTransfer({ idempotencyKey, kind, debit, credit, amountFen,
 *   authorisation? })…], { linked = true }) — linked: all or nothing (throws AppError:
 *   INSUFFICIENT_FUNDS, NOT_FOUND, BUSINESS_RULE, IDEMPOTENCY_MISMATCH, VALIDATION); not linked:
 *   one result per transfer, failures as { status: 'failed', error }.
 * - createPendingTransfer(tx, clock, { idempotencyKey, kind: 'bid_hold', debit: userAvailable(investor),
 *   credit: listingEscrow(listing), amountFen, authorisation: { kind: 'bid_request', reference: bidId } })
 * - createPendingTransfers(tx, clock, [pendingInput…], { linked = true }) — many holds, one round trip
 *   (set-based in the database: ~0.1 ms a hold); results like createTransfers.
 * - postPendingTransfer(tx, clock, { pendingId, amountFen? }) — full or partial (the rest is released);
 *   voidPendingTransfer(tx, clock, { pendingId }). Exactly once each: the loser gets CONFLICT;
 *   the default keys `post:<id>` / `void:<id>` make retries replay.
 *
 * READING
 * - getBalances(db, keys), getUserBalances(db, userId), listUserStatement(db, userId, page),
 *   verifyLedger(db) (rebuilds balances from entries; debits = credits per transfer and in total).
 *
 * CUSTODY (REQUIREMENTS 19–21)
 * - CustodianBank (custody/custodian-bank.ts) is the port: openSubAccount, requestOneTimeCode,
 *   deposit, withdraw, execute(instruction), dailyStatement. SimulatedCustodianBank keeps its own
 *   books in sim_bank_* tables (never reads ledger tables) and has `faults.inject('timeout' |
 *   'timeout_after_execute' | 'duplicate_delivery' | 'reject')` for tests and drills.
 * - openCustodyAccount(deps, { ownerKind: 'user' | 'listing' | 'guarantor', ownerId }) opens the bank
 *   sub-account and its mirror accounts; openPlatformCustody(deps) the fee and marketing ones.
 * - Who authorises what (enforced by the bank): deposits, withdrawals, fee payments → the user's
 *   one-time code (requestOneTimeCode → depositFunds / withdrawFunds / payFee with { challengeId, oneTimeCode });
 *   payFee(deps, { userId, amountFen, idempotencyKey, challengeId, oneTimeCode, reference? }) reserves,
 *   has the bank move user sub-account → platform fee sub-account, then posts (or voids on refusal).
 *   bid holds → the bid request itself (authorisation { kind: 'bid_request', reference: bidId });
 *   repayments → the repayment mandate; settling or releasing a freeze → nothing more.
 * - Bank-first movements (deposit, withdrawal payout) are recorded with custody 'direct' and the
 *   bank's value time. Everything else (holds, posts, voids, disbursements…) uses custody 'outbox':
 *   the instruction row is written in the caller's transaction and dispatchCustodyInstructions(deps)
 *   relays it after commit (at least once; the bank deduplicates on the transfer id). The lead
 *   schedules the dispatcher (e.g. every few seconds) and the daily reconciliation.
 * - Reconciliation: reconcileDay / processReconciliation(deps, { businessDate }) (idempotent per
 *   date): a mismatch opens incidents, alerts, freezes funding and writes a major_events row due
 *   within 48 h. assertFundingNotFrozen(db) throws FUNDING_FROZEN (423) while any incident is open;
 *   resolveReconciliationIncident(deps, { incidentId, adminId, resolution }) closes one.
 */
export * from './accounts';
export { TRANSFER_RULES, TRANSFER_KINDS, checkTransferPolicy, type Authorisation, type AuthorisationKind, type TransferKind } from './policy';
export { createTransfer, createTransfers, simpleTransfer, toWireTransfer, executeWireBatch, type Posting, type TransferInput, type TransferResult, type CreateTransfersOptions, type WireTransfer } from './create-transfers';
export { toLedgerError, isRetryablePgError } from './ledger-errors';
export { createPendingTransfer, createPendingTransfers, postPendingTransfer, voidPendingTransfer, type PendingInput, type PendingResult } from './pending-transfers';
export { getBalances, getUserBalances, findTransferByKey, findPendingResolution, type AccountBalance, type UserBalances } from './get-balances';
export { verifyLedger, type LedgerVerification } from './verify-ledger';
export { listUserStatement, type StatementItem } from './list-statement';
export type { BankAccountKind, BankAuthorisation, BankInstruction, BankOperation, BankReceipt, BankStatement, CustodianBank, StatementLine } from './custody/custodian-bank';
export type { CustodyDeps } from './custody/custody-deps';
export { SimulatedCustodianBank } from './custody/simulated-bank';
export { FaultInjector, type FaultKind, type FaultTarget } from './custody/fault-injector';
export { openCustodyAccount, openPlatformCustody, ensureUserCustody, type CustodyOwner } from './custody/open-custody-account';
export { requestOneTimeCode, type AuthorisedMovement } from './custody/request-one-time-code';
export { depositFunds, type MovementInput, type MovementResult } from './custody/deposit-funds';
export { withdrawFunds } from './custody/withdraw-funds';
export { payFee, type FeePaymentInput } from './custody/pay-fee';
export { dispatchCustodyInstructions, type DispatchResult } from './custody/dispatch-custody-instructions';
export { toBankInstruction } from './custody/to-bank-instruction';
export { reconcileDay, processReconciliation, MAJOR_EVENT_DISCLOSURE_MS, type ReconcileDeps, type ReconcileResult, type Mismatch, type ReconciliationAlert } from './reconciliation/reconcile-day';
export { assertFundingNotFrozen, fundingFrozenError, fundingFrozenSql, isFundingFrozen } from './reconciliation/assert-funding-not-frozen';
export { resolveReconciliationIncident } from './reconciliation/resolve-incident';
export { ledgerPositionsAt } from './reconciliation/ledger-positions';
