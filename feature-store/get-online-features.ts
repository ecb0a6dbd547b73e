import type { Redis } from 'ioredis';
import type { DbOrTx } from '../db/client';
import type { ApplicationInput } from './application-input';
import type { FeatureSources } from './compute-features';
import type { CreditBureau } from './credit-bureau';
import type { BorrowerExposure, BorrowerExposureSource } from './exposure-source';
import { platformHistoryAsOf, type PlatformHistory } from './platform-history';
import { recordAndReadVelocity } from './velocity';

export interface OnlineFeatureDeps {
  db: DbOrTx;
  redis: Redis;
  redisPrefix: string;
  bureau: CreditBureau;
  exposureSource: BorrowerExposureSource;
}

export interface OnlineFeatureRequest {
  borrowerId: string;
  application: ApplicationInput;
  identity: { verified: boolean; birthDate: string | null; idNumberBidx: string; phoneBidx: string };
  /** Unique per application attempt (a retry of the same request reuses it, so counts stay right). */
  applicationRef: string;
  asOf: Date;
  stressRateBps: number;
  /** Already read (e.g. by borrowerFactsAsOf, in the same statement as the KYC gate): not read again. */
  prefetched?: { history: PlatformHistory; exposure: BorrowerExposure };
  /** The device id's and IP's blind indexes (the caller stores them too). */
  deviceBlindIndexes: { device: string; ip: string };
}

/**
 * Every source of a feature snapshot, read concurrently (two SQL reads unless prefetched, one
 * Redis script, the bureau); computeFeatures (pure) turns them into the snapshot.
 */
export async function gatherFeatureSources(deps: OnlineFeatureDeps, req: OnlineFeatureRequest): Promise<Omit<FeatureSources, 'application'>> {
  const [history, exposure, velocity, bureau] = await Promise.all([
    req.prefetched?.history ?? platformHistoryAsOf(deps.db, req.borrowerId, req.asOf),
    req.prefetched?.exposure ?? deps.exposureSource.exposure(deps.db, req.borrowerId, req.asOf),
    recordAndReadVelocity(
      deps.redis,
      deps.redisPrefix,
      { id: req.identity.idNumberBidx, phone: req.identity.phoneBidx, ...req.deviceBlindIndexes },
      req.applicationRef,
      req.asOf.getTime(),
    ),
    deps.bureau.report(req.identity.idNumberBidx, req.asOf),
  ]);
  return { identity: req.identity, history, exposure, velocity, bureau, decidedAt: req.asOf, stressRateBps: req.stressRateBps };
}
