import { eq, sql } from 'drizzle-orm';
import type { CoreDeps } from '../db/core-deps';
import { withIdempotency } from '../db/idempotency';
import { ruleSets } from '../db/schema';
import { hashCanonical } from '../kernel/canonical-json';
import { AppError } from '../kernel/errors';
import { validateRuleSet } from './rule-set-schema';

/** Saves a new draft version after validation; errors name the JSON path under `definition`. */
export async function createDraftRuleSet(deps: Pick<CoreDeps, 'db' | 'clock'>, input: { authorId: string; definition: unknown; idempotencyKey: string }) {
  const checked = validateRuleSet(input.definition);
  if (!checked.ok) {
    const fields = checked.errors.map((e) => ({ field: `definition.${e.path}`, message: e.message }));
    throw new AppError('VALIDATION', `invalid rule set: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { fields, field: fields[0]?.field });
  }
  const definition = checked.definition;
  const result = await withIdempotency(deps.db, deps.clock, { scope: `rule-set-draft:${input.authorId}`, key: input.idempotencyKey, request: definition }, async (tx) => {
    // Version numbers per kind are serialised by this row lock-free trick: the unique index
    // (kind, version) rejects a concurrent duplicate, and the caller retries.
    const [max] = await tx.select({ v: sql<number>`coalesce(max(${ruleSets.version}), 0)::int` }).from(ruleSets).where(eq(ruleSets.kind, definition.kind));
    const version = Math.max(1, (max?.v ?? 0) + 1);
    const id = `rs_${definition.kind}_v${version}`;
    const now = deps.clock.now();
    await tx.insert(ruleSets).values({ id, kind: definition.kind, name: definition.name, version, status: 'draft', deployment: null, definition, definitionHash: hashCanonical(definition), authorId: input.authorId, createdAt: now });
    return { status: 201, body: { id, kind: definition.kind, name: definition.name, version, status: 'draft' as const } };
  });
  return result;
}
