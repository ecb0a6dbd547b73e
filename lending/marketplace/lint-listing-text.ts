import { AppError } from '../../kernel/errors';

/**
 * Item 14: listing and marketing texts may not promise principal or interest. The phrases
 * are matched after normalising (NFKC folds full-width characters such as "１００％",
 * whitespace and punctuation are dropped, case is ignored), so "保 本" or "１００％安全" cannot
 * slip through.
 */
export const FORBIDDEN_PHRASES: readonly string[] = [
  '保本',
  '保息',
  '保本保息',
  '零风险',
  '无风险',
  '刚性兑付',
  '刚兑',
  '100%安全',
  '百分百安全',
  '绝对安全',
  '银行担保',
  '存管银行保障',
  '银行存管保障',
  '稳赚',
  '稳赚不赔',
  '保证收益',
  '保证本金',
  '本息保障',
  '本息无忧',
  '兜底',
  'guaranteed principal',
  'guaranteed return',
  'guaranteed interest',
  'principal guaranteed',
  'risk free',
  'riskfree',
  'no risk',
  'zero risk',
  '100% safe',
  'bank guarantee',
  'bank guaranteed',
];

export interface LintFinding {
  field: string;
  phrase: string;
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.,，。、·!！?？:：;；"'“”‘’()（）【】[\]]+/gu, '');
}

/** Every forbidden phrase found in each field (empty when the texts are clean). */
export function lintTexts(fields: Record<string, string | undefined>, extraPhrases: readonly string[] = []): LintFinding[] {
  const phrases = [...FORBIDDEN_PHRASES, ...extraPhrases].map((p) => ({ phrase: p, needle: normalise(p) }));
  const findings: LintFinding[] = [];
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const haystack = normalise(text);
    for (const { phrase, needle } of phrases) {
      if (needle && haystack.includes(needle)) {
        findings.push({ field, phrase });
      }
    }
  }
  return findings;
}

/** Throws VALIDATION naming the field and the phrase when any text promises principal or interest. */
export function assertTextsClean(fields: Record<string, string | undefined>, extraPhrases: readonly string[] = []): void {
  const findings = lintTexts(fields, extraPhrases);
  if (findings.length === 0) return;
  const summary = findings.map((f) => `${f.field}: "${f.phrase}"`).join('; ');
  throw new AppError('VALIDATION', `text may not promise principal or interest (item 14): ${summary}`, {
    field: findings[0]!.field,
    fields: findings.map((f) => ({ field: f.field, message: `forbidden phrase "${f.phrase}"` })),
  });
}
