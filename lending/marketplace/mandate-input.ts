import { z } from 'zod';
import { AppError } from '../../kernel/errors';
import { parseYuan } from '../../kernel/money';
import { borrowerCapFen } from './auto-invest-policy';
import type { MarketplaceConfig, TierName } from './config';

const yuanString = (field: string) => z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, `${field} must be yuan as a string, e.g. "500.00"`);

/** Item 17: every parameter explicit; nothing defaults to "anything". */
export const mandateBodySchema = z.object({
  grades: z.array(z.string().regex(/^[A-G][1-5]?$/, 'a grade letter A–G or a sub-grade such as "B2"')).min(1, 'choose at least one grade').max(40),
  termsMonths: z.array(z.number().int().min(1).max(60)).min(1, 'choose at least one term').max(24),
  minAprBps: z.number().int().min(0).max(3_600),
  amountPerLoan: yuanString('amountPerLoan'),
  totalBudget: yuanString('totalBudget'),
  /** At most this share (basis points) of the total budget in any one borrower. */
  maxBorrowerShareBps: z.number().int().min(1).max(10_000),
});
export type MandateBody = z.infer<typeof mandateBodySchema>;

export interface MandateParameters {
  grades: string[];
  termsMonths: number[];
  minAprBps: number;
  amountPerLoanFen: bigint;
  totalBudgetFen: bigint;
  maxBorrowerShareBps: number;
}

/**
 * Checks a mandate against the marketplace and the investor's tier, so a mandate can never ask
 * for what its bids would be refused: grades the tier may buy, an amount per loan between the
 * minimum bid and the tier's per-loan limit, a budget within the tier's total, and a
 * per-borrower cap that allows at least one minimum bid.
 */
export function validateMandate(config: MarketplaceConfig, tierName: string, body: MandateBody): MandateParameters {
  const input = mandateBodySchema.parse(body);
  const tier = config.tiers[tierName as TierName];
  if (!tier) throw new AppError('ONBOARDING_REQUIRED', 'your risk assessment is out of date; take it again', { gate: 'risk_assessment' });
  const outside = input.grades.filter((g) => !tier.gradeLetters.includes(g.slice(0, 1)));
  if (outside.length > 0) throw new AppError('VALIDATION', `your risk tier (${tierName}) may not buy grade(s) ${outside.join(', ')}`, { field: 'grades' });
  const amountPerLoanFen = parseYuan(input.amountPerLoan, { field: 'amountPerLoan' });
  const totalBudgetFen = parseYuan(input.totalBudget, { field: 'totalBudget' });
  if (amountPerLoanFen < config.minBidFen) throw new AppError('VALIDATION', `amountPerLoan must be at least the minimum bid (${config.minBidFen / 100n} CNY)`, { field: 'amountPerLoan' });
  if (amountPerLoanFen > tier.maxPerLoanFen) throw new AppError('VALIDATION', `amountPerLoan exceeds your tier's per-loan limit (${tier.maxPerLoanFen / 100n} CNY)`, { field: 'amountPerLoan' });
  if (totalBudgetFen < amountPerLoanFen) throw new AppError('VALIDATION', 'totalBudget must be at least amountPerLoan', { field: 'totalBudget' });
  if (totalBudgetFen > tier.maxTotalFen) throw new AppError('VALIDATION', `totalBudget exceeds your tier's total limit (${tier.maxTotalFen / 100n} CNY)`, { field: 'totalBudget' });
  const params = { grades: [...new Set(input.grades)].sort(), termsMonths: [...new Set(input.termsMonths)].sort((a, b) => a - b), minAprBps: input.minAprBps, amountPerLoanFen, totalBudgetFen, maxBorrowerShareBps: input.maxBorrowerShareBps };
  if (borrowerCapFen(params) < config.minBidFen) {
    throw new AppError('VALIDATION', `maxBorrowerShareBps of totalBudget must allow at least one minimum bid (${config.minBidFen / 100n} CNY)`, { field: 'maxBorrowerShareBps' });
  }
  return params;
}
