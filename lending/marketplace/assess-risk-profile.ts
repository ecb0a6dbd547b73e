import { z } from 'zod';
import type { TierName } from './config';

/**
 * Item 15: the risk-assessment questionnaire and its scoring. Each answer gives points; the
 * total picks a tier, and two hard caps apply whatever the points: someone who cannot bear
 * any loss, or is 70 or older, is at most "conservative"; under 25 or with no experience at
 * most "balanced". The tier then limits grades and amounts (config.tiers).
 */
export const riskQuestionnaireSchema = z.object({
  age: z.number().int().min(18, 'age must be at least 18').max(120),
  annualIncome: z.enum(['under_100k', '100k_300k', '300k_1m', 'over_1m']),
  /** Yuan string: declared net investable assets (used by the optional 10% guard). */
  netInvestableAssets: z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'netInvestableAssets must be yuan, e.g. "200000.00"'),
  experience: z.enum(['none', 'under_2_years', '2_5_years', 'over_5_years']),
  riskPreference: z.enum(['preserve_capital', 'steady', 'balanced', 'growth', 'aggressive']),
  lossTolerance: z.enum(['none', 'up_to_10', 'up_to_30', 'over_30']),
});
export type RiskQuestionnaire = z.infer<typeof riskQuestionnaireSchema>;

const POINTS = {
  annualIncome: { under_100k: 5, '100k_300k': 10, '300k_1m': 15, over_1m: 20 },
  experience: { none: 0, under_2_years: 8, '2_5_years': 15, over_5_years: 20 },
  riskPreference: { preserve_capital: 0, steady: 8, balanced: 15, growth: 22, aggressive: 30 },
  lossTolerance: { none: 0, up_to_10: 10, up_to_30: 20, over_30: 30 },
} as const;

const ORDER: readonly TierName[] = ['conservative', 'steady', 'balanced', 'growth', 'aggressive'];

export function scoreQuestionnaire(answers: RiskQuestionnaire): { score: number; tier: TierName } {
  const score =
    POINTS.annualIncome[answers.annualIncome] + POINTS.experience[answers.experience] + POINTS.riskPreference[answers.riskPreference] + POINTS.lossTolerance[answers.lossTolerance];
  let tierIndex = score < 20 ? 0 : score < 40 ? 1 : score < 60 ? 2 : score < 80 ? 3 : 4;
  if (answers.lossTolerance === 'none' || answers.age >= 70) tierIndex = Math.min(tierIndex, 0);
  if (answers.age < 25 || answers.experience === 'none') tierIndex = Math.min(tierIndex, 2);
  return { score, tier: ORDER[tierIndex]! };
}
