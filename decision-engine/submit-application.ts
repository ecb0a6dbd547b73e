import type { FieldEncryption } from '../auth/field-encryption';
import type { CoreDeps } from '../db/core-deps';
import { assertIdempotencyKey } from '../db/idempotency';
import { JsonText } from '../db/insert-rows-as-json';
import { borrowerFactsAsOf } from '../feature-store/borrower-facts';
import type { ApplicationInput } from '../feature-store/application-input';
import { gatherFeatureSources } from '../feature-store/get-online-features';
import { chinaDate } from '../kernel/calendar';
import { AppError } from '../kernel/errors';
import { decisionWriterFor, isExposureMoved } from './decision-writer';
import { newId } from '../kernel/ids';
import { parseYuan } from '../kernel/money';
import type { ApplicationDecisionView } from './application-view';
import type { DecisionRuntime } from './decision-runtime';
import { rateCapBps } from './rate-cap';


export type SubmitDeps = Pick<CoreDeps, 'db' | 'redis' | 'redisPrefix' | 'clock'> & { fieldEncryption: FieldEncryption; runtime: DecisionRuntime };

/**
 * Attempts per request when the borrower's exposure moved between the decision's read and its
 * write (another of their applications committed in between): the decision is computed again
 * from fresh facts rather than answering 409 to the applicant, who did nothing wrong. Each
 * attempt sees the other application committed, so a second attempt almost always succeeds.
 */
const DECISION_ATTEMPTS = 3;

type SubmitInput = { borrowerId: string; idempotencyKey: string; application: ApplicationInput };
type SubmitResult = { status: number; body: ApplicationDecisionView; replayed: boolean };

/**
 * POST /applications: application → features → rules → models → decision record, written with
 * the idempotency key in one transaction. Reads happen first, on the event loop; the decision
 * itself (features, rules, models, the record sealed for the chain and serialised) is computed
 * on a compute thread (runtime.compute, decision-compute-pool.ts); the write goes through the
 * DecisionWriter, which group-commits the decisions that arrive while the previous batch is
 * being written (see decision-writer.ts for the statements and the locks).
 *
 * Round trips per decision: one SQL read (KYC identity + platform history + exposure; shared
 * with the other decisions' reads in flight, borrower-facts-batcher.ts) and one
 * Redis script (velocity) before; then its share of a batch's one call (decision_write_batch).
 * A decision refused because the borrower's exposure moved is computed again (DECISION_ATTEMPTS).
 */
export async function submitApplication(deps: SubmitDeps, input: SubmitInput): Promise<SubmitResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await decideAndWrite(deps, input);
    } catch (error) {
      if (attempt >= DECISION_ATTEMPTS || !isExposureMoved(error)) throw error;
    }
  }
}

async function decideAndWrite(deps: SubmitDeps, input: SubmitInput): Promise<SubmitResult> {
  const scope = `applications:${input.borrowerId}`;
  const request = input.application;
  assertIdempotencyKey(input.idempotencyKey);
  // No read-ahead of the idempotency key (a round trip on every request for the rare retry):
  // a retry recomputes, velocity ignores the repeated reference, and the claimed key returns
  // the first response.
  const runtime = deps.runtime;
  const now = deps.clock.now();
  const contractDate = chinaDate(now);
  const [facts, sets, active] = await Promise.all([
    borrowerFactsAsOf(deps.db, input.borrowerId, now, runtime.exposureSource),
    runtime.activeRuleSets(deps.db, deps.clock),
    runtime.activeModels(deps.db, deps.clock),
  ]);
  const identity = facts.identity;
  if (!identity) throw new AppError('KYC_REQUIRED', 'complete real-name verification (POST /api/v1/me/kyc) before applying');
  const amountFen = parseYuan(request.amount, { field: 'amount' });
  if (amountFen <= 0n) throw new AppError('VALIDATION', 'amount must be greater than zero', { field: 'amount' });

  const fe = deps.fieldEncryption;
  const device = { device: fe.blindIndex(`device:${request.device.id}`), ip: fe.blindIndex(`ip:${request.device.ip}`) };
  const sources = await gatherFeatureSources(
    { db: deps.db, redis: deps.redis, redisPrefix: deps.redisPrefix, bureau: runtime.bureau, exposureSource: runtime.exposureSource },
    {
      borrowerId: input.borrowerId,
      application: request,
      identity: { verified: true, birthDate: fe.decrypt(identity.birthDateEnc), idNumberBidx: identity.idNumberBidx, phoneBidx: identity.phoneBidx },
      applicationRef: `${input.borrowerId}:${input.idempotencyKey}`,
      asOf: now,
      stressRateBps: rateCapBps(contractDate, runtime.config.lprTable),
      prefetched: { history: facts.history, exposure: facts.exposure },
      deviceBlindIndexes: device,
    },
  );
  const applicationId = newId('app', deps.clock);
  const decisionId = newId('dec', deps.clock);
  const computed = await runtime.compute(
    { sets, active, config: runtime.config },
    {
      borrowerId: input.borrowerId,
      application: request,
      storedApplication: { ...request, device: { idBidx: device.device, ipBidx: device.ip } },
      sources,
      contractDate,
      ids: { applicationId, decisionId },
      amountFen,
    },
  );

  const result = await decisionWriterFor(deps.db, runtime.exposureSource).write({
    scope,
    key: input.idempotencyKey,
    requestHash: computed.requestHash,
    createdAt: now,
    borrowerId: input.borrowerId,
    application: {
      id: applicationId,
      amountFen,
      termMonths: request.termMonths,
      repaymentMethod: request.repaymentMethod,
      borrowerId: input.borrowerId,
      borrowerType: request.borrowerType,
      purpose: request.purpose,
      input: new JsonText(computed.storedApplicationJson),
      status: computed.outcome,
      offeredAmountFen: computed.offeredAmountFen,
      currentDecisionId: decisionId,
      createdAt: now,
      updatedAt: now,
    },
    review: computed.outcome === 'referred' ? { id: newId('rev', deps.clock), applicationId, kind: 'referral', status: 'open', triggerDecisionId: decisionId, createdAt: now } : null,
    sealed: computed.sealed,
    decisionRowJson: computed.decisionRowJson,
    status: 201,
    body: computed.body,
    bodyJson: computed.bodyJson,
    exposureBeforeFen: computed.exposureBeforeFen,
  });
  // Only for a decision that committed now (not a replay): off the hot path, batched.
  if (!result.replayed && computed.challengerScores.length > 0) {
    runtime.recordShadowScores(deps.db, computed.challengerScores.map((s) => ({ ...s, requestId: decisionId, scoredAt: now })));
  }
  return result;
}
