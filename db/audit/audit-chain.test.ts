import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../kernel/clock';
import { useTestDatabase } from '../testing/fixture';
import { appendAudit } from './append-audit';
import { verifyAuditChain } from './verify-audit-chain';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-01-05T02:00:00Z');

describe('audit log', () => {
  it('verifies an intact chain and fails after a tampered row', async () => {
    const { db, pool } = database.current;
    for (let i = 0; i < 5; i += 1) {
      await db.transaction((tx) => appendAudit(tx, clock, { actorId: 'usr_1', action: 'test.action', subjectType: 'thing', subjectId: `t${i}`, data: { i, amountFen: 100n } }));
      clock.advanceMs(1000);
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rowsChecked: 5 });

    // The table refuses UPDATE and DELETE outright.
    await expect(db.execute(sql`UPDATE audit_log SET action = 'x' WHERE subject_id = 't2'`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await expect(db.execute(sql`DELETE FROM audit_log`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });

    // A superuser can still bypass triggers; verification must catch that tampering.
    const client = await pool.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE audit_log SET data = '{"i":99}' WHERE subject_id = 't2'`);
    } finally {
      await client.query(`SET session_replication_role = origin`);
      client.release();
    }
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rowsChecked).toBe(2);
  });
});
