import { z } from 'zod';
import { yuan } from '../../kernel/money';

/**
 * Marketplace policy numbers (REQUIREMENTS 12, 15, 17 and the tracker's defaults). These are
 * platform choices, so they are configuration checked with zod, never literals in use cases.
 */
const fen = z.bigint().nonnegative();

const tierSchema = z.object({
  /** Grade letters (the first letter of A1…G5) this tier may buy. */
  gradeLetters: z.array(z.string().regex(/^[A-G]$/)).min(1),
  maxPerLoanFen: fen,
  maxTotalFen: fen,
});

export const TIER_NAMES = ['conservative', 'steady', 'balanced', 'growth', 'aggressive'] as const;
export type TierName = (typeof TIER_NAMES)[number];

export const marketplaceConfigSchema = z.object({
  /** Item 12: at most 20 business days; a platform may choose fewer. */
  fundraisingBusinessDays: z.number().int().min(1).max(20),
  minBidFen: fen.min(1n),
  /** The last bid is filled up to what is left, or refused when it asks for more. */
  lastBid: z.enum(['fill_remaining', 'refuse']),
  tiers: z.record(z.enum(TIER_NAMES), tierSchema),
  riskAcknowledgmentVersion: z.string().min(1),
  /** Optional guard (item 15): total held and invested ≤ this share of declared net investable assets. */
  assetGuardShareBps: z.number().int().min(1).max(10_000),
  /** Warn (not refuse) when a bid would put more than this share of the portfolio into one loan / one borrower. */
  diversificationWarnShareBps: z.number().int().min(1).max(10_000),
  /** Below this portfolio size (after the bid) shares are not meaningful, so no warning. */
  diversificationMinPortfolioFen: fen,
  /** Loss given default used for a listing's expected loss = PD × LGD. */
  lossGivenDefaultBps: z.number().int().min(0).max(10_000),
  invitationRewardFen: fen,
  /** Listing texts borrowers and staff write are linted; extra phrases may be added here. */
  extraForbiddenPhrases: z.array(z.string().min(1)),
});

export type MarketplaceConfig = z.infer<typeof marketplaceConfigSchema>;

export const DEFAULT_MARKETPLACE_CONFIG: MarketplaceConfig = marketplaceConfigSchema.parse({
  fundraisingBusinessDays: 20,
  minBidFen: yuan(50),
  lastBid: 'fill_remaining',
  tiers: {
    conservative: { gradeLetters: ['A'], maxPerLoanFen: yuan(20_000), maxTotalFen: yuan(100_000) },
    steady: { gradeLetters: ['A', 'B'], maxPerLoanFen: yuan(50_000), maxTotalFen: yuan(300_000) },
    balanced: { gradeLetters: ['A', 'B', 'C', 'D'], maxPerLoanFen: yuan(100_000), maxTotalFen: yuan(1_000_000) },
    growth: { gradeLetters: ['A', 'B', 'C', 'D', 'E', 'F'], maxPerLoanFen: yuan(200_000), maxTotalFen: yuan(3_000_000) },
    aggressive: { gradeLetters: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], maxPerLoanFen: yuan(500_000), maxTotalFen: yuan(10_000_000) },
  },
  riskAcknowledgmentVersion: '2026-01',
  assetGuardShareBps: 1_000,
  diversificationWarnShareBps: 2_000,
  diversificationMinPortfolioFen: yuan(5_000),
  lossGivenDefaultBps: 8_000,
  invitationRewardFen: yuan(20),
  extraForbiddenPhrases: [],
});

/** Builds a config from the defaults and overrides (tests, simulator), checked with zod. */
export function marketplaceConfig(overrides: Partial<MarketplaceConfig> = {}): MarketplaceConfig {
  return marketplaceConfigSchema.parse({ ...DEFAULT_MARKETPLACE_CONFIG, ...overrides });
}
