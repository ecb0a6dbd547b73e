import type { ModelKind, ModelScorer } from '../models/scoring-port';
import type { CompiledRuleSet } from '../rules/evaluate-rule-set';
import type { DecisionModels } from './decide';
import type { DecisionConfig } from './policy-config';

export interface ActiveRuleSets {
  policy: CompiledRuleSet;
  fraud: CompiledRuleSet;
  shadowPolicy?: CompiledRuleSet;
  shadowFraud?: CompiledRuleSet;
}

/** The registry's approved champions (they decide) and challengers (shadow only). */
export interface ActiveModels {
  models: DecisionModels;
  challengers: Partial<Record<ModelKind, ModelScorer>>;
}

/** The policy a decision runs under: rule sets (live and shadow), models (champions and challengers), configuration. */
export interface DecisionLogic {
  sets: ActiveRuleSets;
  active: ActiveModels;
  config: DecisionConfig;
}
