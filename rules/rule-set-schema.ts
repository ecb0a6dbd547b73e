import { z } from 'zod';
import { FEATURE_NAMES } from '../feature-store/definitions';

/**
 * A rule set is json-rules-engine JSON plus our conventions, validated before it can be saved:
 * - every fact is a feature of the current feature set (a typo cannot silently never fire);
 * - a rule fires when a check FAILS; its event says what that does to the decision
 *   (`decline`, `refer`, `counter_offer`, or `flag` = recorded only) and carries a specific
 *   reason code with Chinese and English text;
 * - a `limit` on the event is the amount the rule allows (caps, income multiple,
 *   affordability); the decision's limit is the smallest applicable one.
 * Validation errors carry the JSON path (e.g. `rules.3.conditions.any.1.fact`).
 */
export const OPERATORS = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain'] as const;
const OPERATOR_SET = new Set<string>(OPERATORS);

type Issue = { path: PropertyKey[]; message: string };

function checkCondition(node: unknown, path: PropertyKey[], issues: Issue[], depth = 0): void {
  if (depth > 8) return void issues.push({ path, message: 'conditions nest deeper than 8 levels' });
  if (!node || typeof node !== 'object' || Array.isArray(node)) return void issues.push({ path, message: 'a condition must be an object with "all", "any", "not" or "fact"' });
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  for (const group of ['all', 'any'] as const) {
    if (group in obj) {
      if (keys.some((k) => k !== group && k !== 'priority')) issues.push({ path, message: `a "${group}" condition may only have "${group}"` });
      const list = obj[group];
      if (!Array.isArray(list) || list.length === 0) return void issues.push({ path: [...path, group], message: `"${group}" must be a non-empty array` });
      list.forEach((child, i) => checkCondition(child, [...path, group, i], issues, depth + 1));
      return;
    }
  }
  if ('not' in obj) return checkCondition(obj.not, [...path, 'not'], issues, depth + 1);
  if (typeof obj.fact !== 'string' || !FEATURE_NAMES.has(obj.fact)) issues.push({ path: [...path, 'fact'], message: `unknown fact ${JSON.stringify(obj.fact)}; use a feature of the current feature set` });
  if (typeof obj.operator !== 'string' || !OPERATOR_SET.has(obj.operator)) issues.push({ path: [...path, 'operator'], message: `operator must be one of ${OPERATORS.join(', ')}` });
  if (!('value' in obj)) issues.push({ path: [...path, 'value'], message: 'value is required' });
  else if (obj.value && typeof obj.value === 'object' && !Array.isArray(obj.value)) {
    const ref = obj.value as Record<string, unknown>;
    if (typeof ref.fact !== 'string' || !FEATURE_NAMES.has(ref.fact) || Object.keys(ref).length !== 1) issues.push({ path: [...path, 'value', 'fact'], message: 'a value object must be {"fact": <known feature>}' });
  }
  for (const k of keys) if (!['fact', 'operator', 'value', 'priority'].includes(k)) issues.push({ path: [...path, k], message: `unexpected key "${k}"` });
}

const conditionSchema = z.unknown().superRefine((value, ctx) => {
  const issues: Issue[] = [];
  checkCondition(value, [], issues);
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

const factName = z.string().refine((f) => FEATURE_NAMES.has(f), 'unknown fact; use a feature of the current feature set');

export const limitSchema = z.discriminatedUnion('type', [
  /** The cap minus what the borrower already uses (fact), for one borrower type or all. */
  z.object({ type: z.literal('cap'), capFen: z.number().int().positive(), usedFact: factName, borrowerType: z.enum(['individual', 'company']).optional() }).strict(),
  /** A multiple of a fact, e.g. 3 × monthly income. */
  z.object({ type: z.literal('income_multiple'), multiple: z.number().positive().max(1000), ofFact: factName }).strict(),
  /** The largest amount whose installment keeps (debts + installment) ÷ income ≤ maxRatio. */
  z.object({ type: z.literal('affordability'), maxRatio: z.number().positive().max(1) }).strict(),
]);
export type RuleLimit = z.infer<typeof limitSchema>;

const text = z.string().trim().min(2).max(300);
export const ruleSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'rule name must be snake_case'),
    description: z.string().max(500).optional(),
    /** Ranks reasons (higher first) and evaluation order. */
    priority: z.number().int().min(1).max(100),
    conditions: conditionSchema,
    event: z
      .object({
        type: z.enum(['decline', 'refer', 'counter_offer', 'flag']),
        params: z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/, 'code must be UPPER_SNAKE_CASE'), message: z.object({ zh: text, en: text }).strict(), limit: limitSchema.optional() }).strict(),
      })
      .strict(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const c = rule.conditions as Record<string, unknown> | null;
    if (c && typeof c === 'object' && !('all' in c) && !('any' in c)) ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'the top-level condition must be "all" or "any"' });
    if (rule.event.type === 'counter_offer' && !rule.event.params.limit) ctx.addIssue({ code: 'custom', path: ['event', 'params', 'limit'], message: 'a counter_offer rule needs a limit' });
  });

export const ruleSetDefinitionSchema = z
  .object({
    kind: z.enum(['policy', 'fraud']),
    name: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'name must be kebab-case'),
    description: z.string().max(2000).optional(),
    rules: z.array(ruleSchema).min(1).max(200),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.name)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'name'], message: `duplicate rule name "${rule.name}"` });
      seen.add(rule.name);
    });
  });

export type RuleSetDefinition = z.infer<typeof ruleSetDefinitionSchema>;
export type RuleDefinition = z.infer<typeof ruleSchema>;

export type RuleSetValidation = { ok: true; definition: RuleSetDefinition } | { ok: false; errors: Array<{ path: string; message: string }> };

export function validateRuleSet(input: unknown): RuleSetValidation {
  const result = ruleSetDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, definition: result.data };
  return { ok: false, errors: result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })) };
}
