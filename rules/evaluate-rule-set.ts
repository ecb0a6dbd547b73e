import { Engine, type RuleResult } from 'json-rules-engine';
import type { FeatureSnapshot } from '../feature-store/definitions';
import type { RuleDefinition, RuleSetDefinition } from './rule-set-schema';

export interface ConditionResult {
  path: string;
  fact: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: boolean;
}

/** One rule's outcome on one application: stored with the decision (every condition included). */
export interface RuleResultRecord {
  rule: string;
  priority: number;
  fired: boolean;
  type: RuleDefinition['event']['type'];
  code: string;
  conditions: ConditionResult[];
}

export interface CompiledRuleSet {
  id: string;
  definition: RuleSetDefinition;
  evaluate(facts: FeatureSnapshot): Promise<RuleResultRecord[]>;
}

function flatten(node: unknown, path: string, out: ConditionResult[]): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (Array.isArray(n[group])) return (n[group] as unknown[]).forEach((child, i) => flatten(child, `${path}${group}[${i}].`, out));
  }
  if (n.not) return flatten(n.not, `${path}not.`, out);
  // Keys in sorted order throughout (here and in the record below): stored records serialise
  // to canonical JSON on V8's native path (see kernel/canonical-json.ts).
  out.push({
    fact: String(n.fact),
    factValue: n.factResult ?? null,
    operator: String(n.operator),
    path: path.replace(/\.$/, ''),
    result: n.result === true,
    value: n.value,
  });
}

// Engines are built once per rule-set id: definitions are immutable after creation.
const engines = new Map<string, CompiledRuleSet>();

/** Cached by id: use for stored (immutable) rule sets. */
export function compileRuleSet(id: string, definition: RuleSetDefinition): CompiledRuleSet {
  const cached = engines.get(id);
  if (cached) return cached;
  const compiled = buildRuleSet(id, definition);
  engines.set(id, compiled);
  return compiled;
}

/** Uncached: for candidates that are not stored (backtests of a file, validation). */
export function buildRuleSet(id: string, definition: RuleSetDefinition): CompiledRuleSet {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const byName = new Map(definition.rules.map((r) => [r.name, r]));
  for (const rule of definition.rules) {
    engine.addRule({ name: rule.name, priority: rule.priority, conditions: rule.conditions as never, event: rule.event });
  }
  const toRecord = (r: RuleResult, fired: boolean): RuleResultRecord => {
    const rule = byName.get(r.name)!;
    const conditions: ConditionResult[] = [];
    flatten(r.conditions, '', conditions);
    return { code: rule.event.params.code, conditions, fired, priority: rule.priority, rule: rule.name, type: rule.event.type };
  };
  const order = new Map(definition.rules.map((r, i) => [r.name, i]));
  // Only the facts the rules read are handed to the engine: it builds an object per fact per run.
  const used = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n.fact === 'string') used.add(n.fact);
    Object.values(n).forEach(collect);
  };
  definition.rules.forEach((r) => collect(r.conditions));
  const factNames = [...used];
  const compiled: CompiledRuleSet = {
    id,
    definition,
    async evaluate(facts) {
      const runtimeFacts: Record<string, unknown> = {};
      for (const name of factNames) runtimeFacts[name] = facts[name] ?? null;
      const result = await engine.run(runtimeFacts);
      const records = [...result.results.map((r) => toRecord(r, true)), ...result.failureResults.map((r) => toRecord(r, false))];
      // Definition order, so stored results read the same way as the rule set.
      return records.sort((a, b) => order.get(a.rule)! - order.get(b.rule)!);
    },
  };
  return compiled;
}
