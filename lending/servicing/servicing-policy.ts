import { z } from 'zod';

/**
 * Servicing policy: numbers a platform may set (REQUIREMENTS: "make it configuration with
 * these defaults"). Parsed with zod so a bad override fails loudly at start-up.
 */
export const WATERFALL_PARTS = ['penalty', 'fee', 'interest', 'principal'] as const;
export type WaterfallPart = (typeof WATERFALL_PARTS)[number];

export const servicingPolicySchema = z.object({
  /** Order in which a partial payment is applied within each installment, oldest installment first. */
  waterfall: z
    .array(z.enum(WATERFALL_PARTS))
    .length(4)
    .refine((parts) => new Set(parts).size === 4, 'waterfall must name each of penalty, fee, interest, principal once')
    .default(['penalty', 'fee', 'interest', 'principal']),
  /** Upper bounds (inclusive) of days past due for each bucket; beyond lateMaxDays → over_90. */
  graceMaxDays: z.number().int().min(1).default(15),
  late16To30MaxDays: z.number().int().min(1).default(30),
  late31To90MaxDays: z.number().int().min(1).default(90),
  /** Days past due at which a loan is declared in default, then charged off. */
  defaultAfterDays: z.number().int().min(91).default(180),
  chargeOffAfterDays: z.number().int().min(92).default(360),
  /** Outcome label: bad when 90+ days past due (≥ 90) within this many months of the start. */
  labelHorizonMonths: z.number().int().min(1).default(12),
  /** Early repayment fee, bps of the principal repaid early; the APR after it must stay under the cap. */
  earlyRepaymentFeeBps: z.number().int().min(0).max(1000).default(0),
});

export type ServicingPolicy = z.infer<typeof servicingPolicySchema>;

export const DEFAULT_SERVICING_POLICY: ServicingPolicy = servicingPolicySchema.parse({});
