import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from './default-rule-sets';
import { validateRuleSet } from './rule-set-schema';

describe('rule-set validation', () => {
  it('accepts the shipped default sets', () => {
    expect(validateRuleSet(defaultRuleSet('policy')).ok).toBe(true);
    expect(validateRuleSet(defaultRuleSet('fraud')).ok).toBe(true);
  });

  it('names the JSON path of each problem', () => {
    const set = structuredClone(defaultRuleSet('policy')) as unknown as { rules: Array<Record<string, any>> };
    set.rules[2]!.conditions = { all: [{ fact: 'purpose', operator: 'isOneOf', value: ['stocks'] }] };
    set.rules[4]!.event.params.code = 'lower_case';
    set.rules[5]!.event.params.limit = undefined;
    set.rules[6]!.name = set.rules[7]!.name;
    set.rules[8]!.conditions = { all: [{ fact: 'borrower_type', operator: 'equal', value: { fact: 'no_such_fact' } }] };
    const result = validateRuleSet(set);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['rules.2.conditions.all.0.operator', 'rules.4.event.params.code', 'rules.5.event.params.limit', 'rules.7.name', 'rules.8.conditions.all.0.value.fact']),
    );
  });

  it('refuses an empty group and a non-object condition', () => {
    const set = structuredClone(defaultRuleSet('fraud')) as unknown as { rules: Array<Record<string, unknown>> };
    set.rules[0]!.conditions = { any: [] };
    set.rules[1]!.conditions = { all: ['device_distinct_ids_30d > 3'] };
    const result = validateRuleSet(set);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['rules.0.conditions.any', 'rules.1.conditions.all.0']));
  });
});
