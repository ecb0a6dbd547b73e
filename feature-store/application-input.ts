import { z } from 'zod';

/**
 * The loan application as the borrower submits it (HTTP body). Money fields are yuan strings
 * with at most two decimals. Besides the lending basics it carries what the credit model
 * needs (see feature-store/model-rows.ts for the one place that maps them).
 */
const yuan = z.string().trim().regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a yuan amount string with at most two decimals, e.g. "1234.56"');

export const PERMITTED_PURPOSES = ['new_car', 'used_car', 'furniture_equipment', 'radio_tv', 'domestic_appliances', 'repairs', 'education', 'vacation', 'retraining', 'business', 'other'] as const;
/** IM 10: listed so they are accepted as input and declined by policy with a specific reason. */
export const PROHIBITED_PURPOSES = ['stocks', 'margin_financing', 'futures', 'structured_products', 'derivatives', 'onward_lending'] as const;

export const applicationInputSchema = z.object({
  amount: yuan,
  termMonths: z.number().int().min(1).max(60),
  purpose: z.enum([...PERMITTED_PURPOSES, ...PROHIBITED_PURPOSES]),
  repaymentMethod: z.enum(['equal_installment', 'equal_principal', 'interest_first']),
  borrowerType: z.enum(['individual', 'company']),
  monthlyIncome: yuan,
  monthlyDebtPayments: yuan,
  /** Mandatory declaration (IM 17): the key must be present; null means "I do not know". */
  declaredOtherPlatformOutstanding: yuan.nullable(),
  employment: z.object({
    status: z.enum(['employed', 'self_employed', 'unemployed', 'retired', 'student']),
    occupationClass: z.enum(['unemployed_unskilled_nonresident', 'unskilled_resident', 'skilled', 'management_self_employed']),
    yearsEmployed: z.number().min(0).max(60),
  }),
  housing: z.object({ status: z.enum(['rent', 'own', 'for_free']), yearsAtAddress: z.number().int().min(0).max(100) }),
  checkingBalanceBand: z.enum(['lt_0', '0_to_200', 'ge_200', 'none']),
  savingsBalanceBand: z.enum(['lt_100', '100_to_500', '500_to_1000', 'ge_1000', 'unknown_none']),
  mostValuableAsset: z.enum(['real_estate', 'savings_insurance', 'car_other', 'unknown_none']),
  guarantor: z.enum(['none', 'co_applicant', 'guarantor']),
  dependents: z.number().int().min(0).max(20),
  nonLocalWorker: z.boolean(),
  device: z.object({ id: z.string().trim().min(8).max(128), ip: z.union([z.ipv4(), z.ipv6()]) }),
  formFillSeconds: z.number().min(0).max(86_400).optional(),
});

export type ApplicationInput = z.infer<typeof applicationInputSchema>;
