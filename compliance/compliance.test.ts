import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../dashboard/api/testing';

const api = useTestApi();

describe('compliance self-check', () => {
  it('reports every requirement with evidence, and fails when the books break a rule', async () => {
    const { call, userWithRoles, deps } = api.current;
    const admin = await userWithRoles(['admin']);
    const first = await call('GET', '/api/v1/admin/compliance', { token: admin.token });
    expect(first.status).toBe(200);
    const ids = first.body.results.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['real-name', 'rate-cap', 'no-pool-account', 'collections-conduct', 'monthly-disclosures']));
    for (const r of first.body.results) expect(r.evidence.length).toBeGreaterThan(0);
    expect(first.body.results.find((r: { id: string }) => r.id === 'no-pool-account').status).toBe('pass');

    // A platform pool account appearing in the books must turn the custody check red.
    await deps.db.execute(sql`INSERT INTO ledger_accounts (owner_kind, owner_id, purpose, flags, created_at) VALUES ('platform', 'platform', 'pool', 0, now())`).catch(async () => {
      await deps.db.execute(sql`INSERT INTO ledger_accounts (owner_kind, owner_id, purpose, created_at) VALUES ('platform', 'platform', 'pool', now())`);
    });
    const second = await call('GET', '/api/v1/admin/compliance', { token: admin.token });
    expect(second.body.results.find((r: { id: string }) => r.id === 'no-pool-account').status).toBe('fail');
    const borrower = await userWithRoles(['borrower']);
    expect((await call('GET', '/api/v1/admin/compliance', { token: borrower.token })).status).toBe(403);
  });
});
