import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashCanonical } from '../kernel/canonical-json';
import type { DbOrTx } from '../db/client';
import { ruleSets } from '../db/schema';
import { ruleSetDefinitionSchema, type RuleSetDefinition } from './rule-set-schema';

const here = dirname(fileURLToPath(import.meta.url));

export function loadRuleSetFile(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export const DEFAULT_POLICY_FILE = join(here, 'sets', 'default-policy.json');
export const DEFAULT_FRAUD_FILE = join(here, 'sets', 'default-fraud.json');

export function defaultRuleSet(kind: 'policy' | 'fraud'): RuleSetDefinition {
  return ruleSetDefinitionSchema.parse(loadRuleSetFile(kind === 'policy' ? DEFAULT_POLICY_FILE : DEFAULT_FRAUD_FILE));
}

/** Version 1 of each kind is the shipped default, published live by the system on first use. */
export async function seedDefaultRuleSets(db: DbOrTx, now: Date): Promise<void> {
  for (const kind of ['policy', 'fraud'] as const) {
    const definition = defaultRuleSet(kind);
    await db
      .insert(ruleSets)
      .values({ id: `rs_${kind}_v1`, kind, name: definition.name, version: 1, status: 'published', deployment: 'live', definition, definitionHash: hashCanonical(definition), authorId: 'system', approvedBy: 'system', createdAt: now, publishedAt: now })
      .onConflictDoNothing();
  }
}
