import { installmentEstimateFen } from '../feature-store/compute-features';
import type { FeatureSnapshot } from '../feature-store/definitions';
import type { RuleLimit, RuleSetDefinition } from '../rules/rule-set-schema';
import type { RepaymentMethod } from '../lending/schedules/build-schedule';

export interface LimitCandidate {
  source: string;
  code: string;
  limitFen: bigint;
}

const fenOf = (v: unknown): bigint | null => (typeof v === 'number' && Number.isFinite(v) ? BigInt(Math.trunc(v)) : null);

/**
 * Largest amount keeping (debts + installment) ÷ income ≤ maxRatio, stress-tested at `stressRateBps`.
 * Starts from the proportional estimate and steps down: rounding makes installments only
 * almost linear in the principal.
 */
function affordabilityLimitFen(f: FeatureSnapshot, maxRatio: number, stressRateBps: number): bigint | null {
  const income = fenOf(f.monthly_income_fen);
  const debts = fenOf(f.monthly_debt_payments_fen) ?? 0n;
  const amount = fenOf(f.amount_fen);
  const installment = fenOf(f.installment_estimate_fen);
  if (income === null || amount === null || installment === null || installment <= 0n) return null;
  const ratioPpm = BigInt(Math.round(maxRatio * 1_000_000));
  const allowedPpm = income * ratioPpm - debts * 1_000_000n;
  if (allowedPpm <= 0n) return 0n;
  let limit = (amount * allowedPpm) / (installment * 1_000_000n);
  const term = Number(f.term_months);
  const method = f.repayment_method as RepaymentMethod;
  for (let i = 0; i < 50 && limit > 0n; i += 1) {
    if ((debts + installmentEstimateFen(limit, term, method, stressRateBps)) * 1_000_000n <= income * ratioPpm) break;
    limit -= 1n + limit / 100_000n;
  }
  return limit;
}

function evaluateLimit(limit: RuleLimit, f: FeatureSnapshot, stressRateBps: number): bigint | null {
  if (limit.type === 'cap') {
    if (limit.borrowerType && f.borrower_type !== limit.borrowerType) return null;
    const used = fenOf(f[limit.usedFact]);
    return used === null ? null : BigInt(limit.capFen) - used;
  }
  if (limit.type === 'income_multiple') {
    const base = fenOf(f[limit.ofFact]);
    return base === null ? null : (base * BigInt(Math.round(limit.multiple * 1000))) / 1000n;
  }
  return affordabilityLimitFen(f, limit.maxRatio, stressRateBps);
}

/** Every applicable limit of the policy set (fired or not): the decision's limit is their minimum. */
export function policyLimits(policy: RuleSetDefinition, f: FeatureSnapshot, stressRateBps: number): LimitCandidate[] {
  const out: LimitCandidate[] = [];
  for (const rule of policy.rules) {
    const limit = rule.event.params.limit;
    if (!limit) continue;
    const value = evaluateLimit(limit, f, stressRateBps);
    if (value !== null) out.push({ source: rule.name, code: rule.event.params.code, limitFen: value < 0n ? 0n : value });
  }
  return out;
}
