/** Reason codes and bilingual texts per feature, derived from the feature contracts. */
import { CREDIT_FEATURES } from '../credit-features';
import { FRAUD_FEATURES } from '../fraud-features';
import type { ModelKind } from '../scoring-types';

export interface ReasonText {
  code: string;
  en: string;
  zh: string;
}

export function buildReasons(kind: ModelKind, featureNames: ReadonlyArray<string>): Record<string, ReasonText> {
  const known: Record<string, { en: string; zh: string }> = {};
  for (const f of kind === 'credit' ? CREDIT_FEATURES : FRAUD_FEATURES) known[f.name] = f.label;
  const prefix = kind === 'credit' ? 'CR' : 'FR';
  const out: Record<string, ReasonText> = {};
  featureNames.forEach((name, i) => {
    const label = known[name] ?? { en: name, zh: name };
    out[name] = {
      code: `${prefix}${String(i + 1).padStart(2, '0')}`,
      en: kind === 'credit' ? `${label.en} lowered the assessment` : `${label.en} matches a fraud pattern`,
      zh: kind === 'credit' ? `${label.zh}对评估结果不利` : `${label.zh}符合欺诈特征`,
    };
  });
  return out;
}
