import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/testing/fixture';
import { canonicalJson } from '../kernel/canonical-json';
import { appendDecision, decisionRowHash, SEALED_TEXT_COLUMNS, sealDecisionRecord, sealedBytes, verifyDecisionChain, type NewDecisionRecord } from './decision-chain';

const database = useTestDatabase();

function record(n: number): NewDecisionRecord {
  return {
    id: `dec_chain_${n}`,
    applicationId: `app_chain_${n}`,
    borrowerId: `usr_chain_${n % 7}`,
    kind: 'automated',
    decidedAt: new Date(Date.UTC(2026, 2, 2, 2, 0, 0, n)),
    decidedBy: null,
    inputHash: 'x'.repeat(64),
    featureSetVersion: 'fs-test',
    // Non-ASCII text, quotes and a value that looks like the prevHash key: hashed in Postgres and in TypeScript alike.
    features: { amount_fen: 100_000 + n, purpose: '装修 "quoted" \\ back', note: '"prevHash":"0"', nested: { big: 12345678901234567890n } },
    policyRuleSetId: 'rs_p',
    fraudRuleSetId: 'rs_f',
    creditModelVersion: 'mv_c',
    fraudModelVersion: 'mv_f',
    ruleResults: { policy: [], fraud: [] },
    scores: { credit: { probability: 0.1 + n / 1000 } },
    outcome: n % 2 ? 'approved' : 'declined',
    grade: n % 2 ? 'B1' : null,
    pd: 0.1 + n / 1000,
    limitFen: 5_000_000n,
    offeredAmountFen: n % 2 ? 100_000n : 0n,
    aprBps: n % 2 ? 1_200 : null,
    nominalRateBps: null,
    upfrontFeeFen: null,
    reasons: [{ code: 'R1', message: { zh: '理由', en: 'reason' } }],
    shadow: null,
    note: null,
  };
}

describe('decision hash chain', () => {
  it('stays one valid chain in seq order when many decisions are appended concurrently', async () => {
    const { db } = database.current;
    const rows = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        db.transaction(async (tx) => {
          const row = await appendDecision(tx, record(n));
          // Hold the transaction open a moment so waiters queue on the chain lock.
          await tx.execute(sql`SELECT pg_sleep(0.005)`);
          return row;
        }),
      ),
    );
    // The returned row is what was stored, and its hash is the TypeScript hash of the record.
    for (const { seq: _seq, hash, ...rest } of rows) expect(decisionRowHash(rest)).toBe(hash);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(40); // no fork: every record has its own predecessor
    const verification = await verifyDecisionChain(db);
    expect(verification).toMatchObject({ ok: true, recordsChecked: 40 });
  });

  it('seals the large JSON columns as byte ranges holding exactly their canonical text, with multi-byte text before and inside them', () => {
    const { features, scores, reasons, shadow, ruleResults: _unused, ...scalars } = record(3);
    const texts = {
      features: canonicalJson(features),
      // Chinese text in reasons (which sorts before ruleResults) and in the rule results themselves.
      ruleResults: canonicalJson({ policy: [{ rule: '年龄 18–60', fired: true }], fraud: [] }),
      scores: canonicalJson(scores),
      reasons: canonicalJson(reasons),
      shadow: canonicalJson(shadow),
    };
    const sealed = sealedBytes(sealDecisionRecord(scalars, texts));
    const ranges = sealed.textColumnRanges;
    const slices = SEALED_TEXT_COLUMNS.map((_, k) => Buffer.from(sealed.bytes.subarray(ranges[2 * k]!, ranges[2 * k]! + ranges[2 * k + 1]!)).toString('utf8'));
    expect(slices).toEqual(SEALED_TEXT_COLUMNS.map((column) => texts[column]));
  });
});
