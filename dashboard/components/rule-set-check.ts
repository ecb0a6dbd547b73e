/**
 * A quick, local check of rule-set JSON while the analyst types: syntax and shape (the same
 * conventions the API enforces). The API's own validation on save remains the authority
 * (it also checks every fact against the current feature set).
 */
export interface RuleIssue {
  path: string;
  message: string;
}

const OPERATORS = new Set(['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain']);
const EVENT_TYPES = new Set(['decline', 'refer', 'counter_offer', 'flag']);

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function checkCondition(node: unknown, path: string, issues: RuleIssue[], depth: number): void {
  if (depth > 8) return void issues.push({ path, message: 'conditions nest deeper than 8 levels' });
  if (!isObject(node)) return void issues.push({ path, message: 'a condition must be an object with "all", "any", "not" or "fact"' });
  for (const group of ['all', 'any'] as const) {
    if (group in node) {
      const list = node[group];
      if (!Array.isArray(list) || list.length === 0) return void issues.push({ path: `${path}.${group}`, message: `"${group}" must be a non-empty array` });
      list.forEach((child, i) => checkCondition(child, `${path}.${group}.${i}`, issues, depth + 1));
      return;
    }
  }
  if ('not' in node) return checkCondition(node.not, `${path}.not`, issues, depth + 1);
  if (typeof node.fact !== 'string' || node.fact.length === 0) issues.push({ path: `${path}.fact`, message: 'fact must be a feature name' });
  if (typeof node.operator !== 'string' || !OPERATORS.has(node.operator)) issues.push({ path: `${path}.operator`, message: `operator must be one of ${[...OPERATORS].join(', ')}` });
  if (!('value' in node)) issues.push({ path: `${path}.value`, message: 'value is required' });
}

export function checkRuleSetJson(text: string): { ok: true; value: unknown } | { ok: false; syntax?: string; issues: RuleIssue[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, syntax: error instanceof Error ? error.message : String(error), issues: [] };
  }
  const issues: RuleIssue[] = [];
  if (!isObject(value)) return { ok: false, issues: [{ path: '(root)', message: 'the rule set must be a JSON object' }] };
  if (value.kind !== 'policy' && value.kind !== 'fraud') issues.push({ path: 'kind', message: 'kind must be "policy" or "fraud"' });
  if (typeof value.name !== 'string' || !/^[a-z][a-z0-9-]{1,63}$/.test(value.name)) issues.push({ path: 'name', message: 'name must be kebab-case' });
  for (const key of Object.keys(value)) if (!['kind', 'name', 'description', 'rules'].includes(key)) issues.push({ path: key, message: `unexpected key "${key}"` });
  if (!Array.isArray(value.rules) || value.rules.length === 0) {
    issues.push({ path: 'rules', message: 'rules must be a non-empty array' });
  } else {
    const seen = new Set<string>();
    value.rules.forEach((rule: unknown, i: number) => {
      const at = `rules.${i}`;
      if (!isObject(rule)) return void issues.push({ path: at, message: 'a rule must be an object' });
      if (typeof rule.name !== 'string' || !/^[a-z][a-z0-9_]{1,63}$/.test(rule.name)) issues.push({ path: `${at}.name`, message: 'rule name must be snake_case' });
      else if (seen.has(rule.name)) issues.push({ path: `${at}.name`, message: `duplicate rule name "${rule.name}"` });
      else seen.add(rule.name);
      if (typeof rule.priority !== 'number' || !Number.isInteger(rule.priority) || rule.priority < 1 || rule.priority > 100) issues.push({ path: `${at}.priority`, message: 'priority must be a whole number from 1 to 100' });
      checkCondition(rule.conditions, `${at}.conditions`, issues, 0);
      if (isObject(rule.conditions) && !('all' in rule.conditions) && !('any' in rule.conditions)) issues.push({ path: `${at}.conditions`, message: 'the top-level condition must be "all" or "any"' });
      const event = rule.event;
      if (!isObject(event)) return void issues.push({ path: `${at}.event`, message: 'event is required' });
      if (typeof event.type !== 'string' || !EVENT_TYPES.has(event.type)) issues.push({ path: `${at}.event.type`, message: `event type must be one of ${[...EVENT_TYPES].join(', ')}` });
      const params = event.params;
      if (!isObject(params)) return void issues.push({ path: `${at}.event.params`, message: 'event params are required' });
      if (typeof params.code !== 'string' || !/^[A-Z][A-Z0-9_]{2,63}$/.test(params.code)) issues.push({ path: `${at}.event.params.code`, message: 'code must be UPPER_SNAKE_CASE' });
      const message = params.message;
      if (!isObject(message) || typeof message.zh !== 'string' || typeof message.en !== 'string' || message.zh.trim().length < 2 || message.en.trim().length < 2) {
        issues.push({ path: `${at}.event.params.message`, message: 'message needs "zh" and "en" texts of at least 2 characters' });
      }
    });
  }
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}
