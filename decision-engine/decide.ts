import type { FeatureSnapshot } from '../feature-store/definitions';
import { creditModelRow, fraudModelRow } from '../feature-store/model-rows';
import type { RepaymentMethod } from '../lending/schedules/build-schedule';
import { formatBps } from '../kernel/rate';
import { formatYuan } from '../kernel/money';
import type { Attribution, ModelScorer, ScoreResult } from '../models/scoring-port';
import type { CompiledRuleSet, RuleResultRecord } from '../rules/evaluate-rule-set';
import { policyLimits, type LimitCandidate } from './compute-limit';
import { GRADES, type DecisionConfig } from './policy-config';
import { priceOffer } from './price-offer';
import { rateCapBps } from './rate-cap';

export type Outcome = 'approved' | 'declined' | 'referred' | 'counter_offer';

export interface Reason {
  code: string;
  message: { zh: string; en: string };
  /** What the reason is tied to: a rule, a model feature, or pricing (REQUIREMENTS 8). */
  source: 'rule' | 'model' | 'pricing' | 'decision';
  ref: string;
}

export interface DecisionModels {
  credit: ModelScorer;
  fraud: ModelScorer;
}

export interface DecideInput {
  features: FeatureSnapshot;
  policy: CompiledRuleSet;
  fraud: CompiledRuleSet;
  models: DecisionModels;
  config: DecisionConfig;
  /** Contract date = decision date (China), for the LPR cap and schedule dates. */
  contractDate: string;
}

export interface DecisionValue {
  outcome: Outcome;
  grade: string | null;
  pd: number;
  fraudProbability: number;
  limitFen: bigint;
  offeredAmountFen: bigint;
  aprBps: number | null;
  nominalRateBps: number | null;
  upfrontFeeFen: bigint | null;
  rateCapBps: number;
  reasons: Reason[];
  ruleResults: { policy: RuleResultRecord[]; fraud: RuleResultRecord[] };
  scores: { credit: ScoreSummary; fraud: ScoreSummary };
  limits: LimitCandidate[];
}

interface ScoreSummary {
  modelVersionId: string;
  probability: number;
  score: number | null;
  attributions: Attribution[];
}

export const MAX_REASONS = 4;

export function gradeForPd(pd: number, bounds: readonly number[]): string | null {
  const i = bounds.findIndex((upper) => pd <= upper);
  return i < 0 ? null : GRADES[i]!;
}

function ruleReason(set: CompiledRuleSet, record: RuleResultRecord): Reason {
  const rule = set.definition.rules.find((r) => r.name === record.rule)!;
  const { en, zh } = rule.event.params.message;
  return { code: record.code, message: { en, zh }, ref: `${set.id}:${record.rule}`, source: 'rule' };
}

const modelReason = (a: Attribution, kind: string): Reason => ({ code: a.reasonCode, message: a.message, ref: `${kind}:${a.feature}`, source: 'model' });

function summary(scorer: ModelScorer, result: ScoreResult): ScoreSummary {
  return { attributions: result.attributions, modelVersionId: scorer.modelVersionId, probability: result.probability, score: result.score ?? null };
}

/**
 * The decision as a value: rules, scores, grade, limit, price and ranked reasons from a feature
 * snapshot. No I/O: the live path, replay and backtests all call this with stored inputs.
 */
export async function decide(input: DecideInput): Promise<DecisionValue> {
  const f = input.features;
  const config = input.config;
  const [policyResults, fraudResults] = await Promise.all([input.policy.evaluate(f), input.fraud.evaluate(f)]);
  const credit = input.models.credit.score(creditModelRow(f));
  const fraudScore = input.models.fraud.score(fraudModelRow(f));
  const capBps = rateCapBps(input.contractDate, config.lprTable);
  const amountFen = BigInt(Number(f.amount_fen));
  const byPriority = (a: RuleResultRecord, b: RuleResultRecord) => b.priority - a.priority;
  const firedOf = (set: CompiledRuleSet, results: RuleResultRecord[], type: string) => results.filter((r) => r.fired && r.type === type).sort(byPriority).map((r) => ruleReason(set, r));

  const declines = [...firedOf(input.policy, policyResults, 'decline'), ...firedOf(input.fraud, fraudResults, 'decline')];
  const refers = [...firedOf(input.policy, policyResults, 'refer'), ...firedOf(input.fraud, fraudResults, 'refer')];
  const creditReasons = credit.attributions.map((a) => modelReason(a, 'credit'));
  const fraudReasons = fraudScore.attributions.map((a) => modelReason(a, 'fraud'));

  if (fraudScore.probability >= config.fraudDeclineProbability) {
    declines.push({ code: 'FRAUD_RISK_HIGH', message: { en: 'The application shows a high fraud risk', zh: '申请存在较高欺诈风险' }, ref: `fraud:${input.models.fraud.modelVersionId}`, source: 'model' }, ...fraudReasons);
  } else if (fraudScore.probability >= config.fraudReferProbability) {
    refers.push({ code: 'FRAUD_RISK_REVIEW', message: { en: 'Fraud risk signals need a manual check', zh: '申请存在欺诈风险迹象，需人工核实' }, ref: `fraud:${input.models.fraud.modelVersionId}`, source: 'model' }, ...fraudReasons);
  }

  const grade = gradeForPd(credit.probability, config.gradePdUpperBounds);
  const limits = policyLimits(input.policy.definition, f, capBps);
  if (grade) {
    const letterLimit = config.gradeLetterLimitFen[grade[0] as keyof DecisionConfig['gradeLetterLimitFen']];
    limits.push({ source: 'grade', code: 'GRADE_LIMIT', limitFen: f.borrower_type === 'company' ? letterLimit * config.companyGradeLimitMultiple : letterLimit });
  } else {
    declines.push({ code: 'CREDIT_RISK_TOO_HIGH', message: { en: 'The assessed probability of default is above what the platform accepts', zh: '信用评估的违约概率超出平台可接受范围' }, ref: `credit:${input.models.credit.modelVersionId}`, source: 'model' }, ...creditReasons);
  }
  const limitFen = limits.reduce((min, l) => (l.limitFen < min ? l.limitFen : min), amountFen > 0n ? amountFen * 1000n : 0n);
  const binding = limits.filter((l) => l.limitFen < amountFen).sort((a, b) => (a.limitFen < b.limitFen ? -1 : a.limitFen > b.limitFen ? 1 : 0));
  const limitReasons: Reason[] = binding.flatMap((l) => {
    if (l.source === 'grade') return [{ code: 'GRADE_LIMIT', message: { en: `Grade ${grade} allows at most ${formatYuan(l.limitFen)} CNY`, zh: `信用等级${grade}的最高借款额为${formatYuan(l.limitFen)}元` }, ref: 'grade', source: 'decision' as const }, ...creditReasons];
    const rule = policyResults.find((r) => r.rule === l.source);
    return rule ? [ruleReason(input.policy, rule)] : [];
  });
  const offeredFen = amountFen < limitFen ? amountFen : limitFen;

  let offer: ReturnType<typeof priceOffer> | null = null;
  if (grade && offeredFen >= config.minLoanFen) {
    offer = priceOffer({ grade, amountFen: offeredFen, termMonths: Number(f.term_months), method: f.repayment_method as RepaymentMethod, capBps }, config);
    if (!offer.withinCap) {
      declines.push({
        code: 'RATE_CAP_EXCEEDED',
        message: { en: `The all-in annual rate for grade ${grade}, ${formatBps(offer.aprBps)}, exceeds the legal cap of ${formatBps(capBps)}`, zh: `按等级${grade}定价的综合年化利率${formatBps(offer.aprBps)}超过法定上限${formatBps(capBps)}` },
        ref: `grade:${grade}`,
        source: 'pricing',
      }, ...creditReasons);
    }
  }

  let outcome: Outcome;
  let reasons: Reason[];
  if (declines.length > 0) [outcome, reasons] = ['declined', declines];
  else if (refers.length > 0) [outcome, reasons] = ['referred', refers];
  else if (offeredFen < config.minLoanFen) {
    outcome = 'declined';
    reasons = [{ code: 'BELOW_MINIMUM_AMOUNT', message: { en: `The amount available is below the minimum loan of ${formatYuan(config.minLoanFen)} CNY`, zh: `可借额度低于最低借款额${formatYuan(config.minLoanFen)}元` }, ref: 'minLoan', source: 'decision' }, ...limitReasons];
  } else if (offeredFen < amountFen) [outcome, reasons] = ['counter_offer', limitReasons];
  else {
    outcome = 'approved';
    reasons = [{ code: 'APPROVED_WITHIN_POLICY', message: { en: `All lending policies met; risk grade ${grade}`, zh: `符合全部借款政策，信用等级${grade}` }, ref: `grade:${grade}`, source: 'decision' }, ...creditReasons];
  }
  const seen = new Set<string>();
  reasons = reasons.filter((r) => !seen.has(r.code) && seen.add(r.code)).slice(0, MAX_REASONS);
  const priced = outcome !== 'declined' && offer;
  return {
    outcome,
    grade,
    pd: credit.probability,
    fraudProbability: fraudScore.probability,
    limitFen: limitFen < 0n ? 0n : limitFen,
    offeredAmountFen: outcome === 'declined' ? 0n : offeredFen,
    aprBps: priced ? offer!.aprBps : offer?.aprBps ?? null,
    nominalRateBps: offer?.nominalRateBps ?? null,
    upfrontFeeFen: priced ? offer!.upfrontFeeFen : null,
    rateCapBps: capBps,
    reasons,
    ruleResults: { fraud: fraudResults, policy: policyResults },
    scores: { credit: summary(input.models.credit, credit), fraud: summary(input.models.fraud, fraudScore) },
    limits,
  };
}
