import type { DbOrTx } from '../../db/client';
import { isVerified } from '../../identity/identity-repo';
import { AppError } from '../../kernel/errors';
import type { MarketplaceConfig } from './config';
import { findInvestorProfile, isRelatedParty, type InvestorProfile } from './investors-repo';

/** The investor-level bid gates (items 1, 4, 15), for things that are not one bid (a mandate). */
export async function assertInvestorReady(db: DbOrTx, config: MarketplaceConfig, userId: string): Promise<InvestorProfile> {
  if (!(await isVerified(db, userId))) throw new AppError('KYC_REQUIRED', 'complete real-name verification before investing', { gate: 'kyc' });
  if (await isRelatedParty(db, userId)) throw new AppError('FORBIDDEN', 'the platform and its related parties may not lend through it (item 4)', { gate: 'related_party' });
  const profile = await findInvestorProfile(db, userId);
  if (!profile) throw new AppError('ONBOARDING_REQUIRED', 'complete the risk assessment first', { gate: 'risk_assessment' });
  if (profile.acknowledgmentVersion !== config.riskAcknowledgmentVersion) {
    throw new AppError('ONBOARDING_REQUIRED', `acknowledge the current risk disclosure (version ${config.riskAcknowledgmentVersion}) first`, { gate: 'risk_acknowledgment', version: config.riskAcknowledgmentVersion });
  }
  return profile;
}
