import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/testing/fixture';
import { hashCanonical } from '../kernel/canonical-json';
import { SimulatedClock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import { toWireTransfer, transferRequestHash, type TransferInput, type WireTransfer } from './create-transfers';
import { toLedgerError } from './ledger-errors';
import { createPendingTransfers, createTransfers, EXTERNAL_WORLD, getBalances, listingEscrow, openAccounts, openPlatformAccounts, simpleTransfer, userAvailable, verifyLedger, type AccountKey } from './index';

/**
 * ledger_create_transfers has three ways to apply a batch: the simple fast path (new two-posting
 * transfers that all succeed; anything else falls through), set-based (plan the whole batch in
 * one statement, write it in four) and sequential (one transfer at a time; the reference semantics).
 * Random batches — overdrafts, keys repeated inside a batch and across batches (same and other
 * body), unknown accounts, unbalanced postings, holds posted / voided (twice, partly, out of
 * range, in the batch that created them), linked and not — are applied to two identical
 * universes, one per path; results, errors, entries, transfers, instructions and balances must match.
 */
const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
const USERS = 4;

type Op =
  | { t: 'pay'; from: number; to: number; amount: number }
  | { t: 'hold'; from: number; amount: number }
  | { t: 'post' | 'void'; hold: number; amount?: number }
  | { t: 'dupKey'; of: number; same: boolean }
  | { t: 'oldKey'; back: number; same: boolean }
  | { t: 'unknownAccount' }
  | { t: 'unbalanced'; from: number; to: number }
  | { t: 'deposit'; to: number; amount: number };

const who = fc.integer({ min: 0, max: USERS - 1 });
const money = fc.integer({ min: 1, max: 400 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('pay' as const), from: who, to: who, amount: money }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('hold' as const), from: who, amount: money }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constantFrom('post' as const, 'void' as const), hold: fc.nat(30), amount: fc.option(fc.integer({ min: 0, max: 450 }), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('dupKey' as const), of: fc.nat(10), same: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('oldKey' as const), back: fc.nat(40), same: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unknownAccount' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unbalanced' as const), from: who, to: who }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deposit' as const), to: who, amount: money }) },
);
// Batches of holds only (the bid path's shape), which the simple fast path takes unless one overdraws.
const holdsArb = fc.array(fc.record({ t: fc.constant('hold' as const), from: who, amount: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 8 });
const batchArb = fc.oneof(
  { weight: 1, arbitrary: fc.record({ linked: fc.boolean(), ops: fc.array(opArb, { minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ linked: fc.boolean(), ops: holdsArb as fc.Arbitrary<Op[]> }) },
);

interface Universe {
  prefix: string;
  path: 'set' | 'sequential' | 'simple';
  /** Batches the simple fast path took (it must take some, or the comparison proves nothing). */
  simpleTaken: number;
  /** wire id → logical name, so results and rows compare across universes. */
  names: Map<string, string>;
  /** every wire sent, by logical name (for replays). */
  sent: Array<{ name: string; wire: WireTransfer }>;
  holds: Array<{ name: string; id: string }>;
}

const mandate = { kind: 'repayment_mandate' as const, reference: 'paths' };

function wiresFor(u: Universe, batchNo: number, ops: Op[]): WireTransfer[] {
  const user = (n: number) => userAvailable(`${u.prefix}u${n}`);
  const wires: WireTransfer[] = [];
  const name = (i: number) => `b${batchNo}-${i}`;
  const key = (i: number) => `${u.prefix}-${name(i)}`;
  const resolve = (op: 'post_pending' | 'void_pending', i: number, holdId: string, amount?: number): WireTransfer => {
    const wire: WireTransfer = {
      id: newId('tr', clock),
      key: key(i),
      hash: hashCanonical({ op, pendingId: holdId, amount: amount ?? null }),
      op,
      pendingId: holdId,
      ...(op === 'post_pending' && amount !== undefined ? { amount: String(amount) } : {}),
    };
    return wire;
  };
  ops.forEach((op, i) => {
    let wire: WireTransfer;
    const transfer = (input: TransferInput, phase: 'posted' | 'pending') => toWireTransfer(clock, input, phase);
    switch (op.t) {
      case 'pay':
        wire = transfer(simpleTransfer({ idempotencyKey: key(i), kind: 'repayment', debit: user(op.from), credit: user(op.to === op.from ? (op.to + 1) % USERS : op.to), amountFen: BigInt(op.amount), authorisation: mandate }), 'posted');
        break;
      case 'deposit':
        wire = transfer(simpleTransfer({ idempotencyKey: key(i), kind: 'deposit', debit: EXTERNAL_WORLD, credit: user(op.to), amountFen: BigInt(op.amount), authorisation: { kind: 'one_time_code', reference: 'x' }, custody: 'direct' }), 'posted');
        break;
      case 'hold': {
        wire = transfer(
          simpleTransfer({ idempotencyKey: key(i), kind: 'bid_hold', debit: user(op.from), credit: listingEscrow(`${u.prefix}L`), amountFen: BigInt(op.amount), authorisation: { kind: 'bid_request', reference: key(i) } }),
          'pending',
        );
        u.holds.push({ name: name(i), id: wire.id });
        break;
      }
      case 'post':
      case 'void': {
        const hold = u.holds.length ? u.holds[op.hold % u.holds.length]! : undefined;
        wire = resolve(op.t === 'post' ? 'post_pending' : 'void_pending', i, hold?.id ?? 'tr_missing', op.t === 'post' ? op.amount : undefined);
        break;
      }
      case 'dupKey': {
        const earlier = wires[op.of % Math.max(1, wires.length)];
        wire = earlier ? { ...earlier, id: newId('tr', clock), ...(op.same ? {} : { hash: `${earlier.hash}-other` }) } : transfer(simpleTransfer({ idempotencyKey: key(i), kind: 'repayment', debit: user(0), credit: user(1), amountFen: 1n, authorisation: mandate }), 'posted');
        break;
      }
      case 'oldKey': {
        const earlier = u.sent[u.sent.length - 1 - (op.back % Math.max(1, u.sent.length))];
        wire = earlier ? { ...earlier.wire, id: newId('tr', clock), ...(op.same ? {} : { hash: `${earlier.wire.hash}-other` }) } : transfer(simpleTransfer({ idempotencyKey: key(i), kind: 'repayment', debit: user(1), credit: user(0), amountFen: 1n, authorisation: mandate }), 'posted');
        break;
      }
      case 'unknownAccount':
        wire = transfer(simpleTransfer({ idempotencyKey: key(i), kind: 'repayment', debit: user(0), credit: userAvailable(`${u.prefix}nobody`), amountFen: 1n, authorisation: mandate }), 'posted');
        break;
      case 'unbalanced': {
        const t = transfer(simpleTransfer({ idempotencyKey: key(i), kind: 'repayment', debit: user(op.from), credit: user((op.from + 1) % USERS), amountFen: 5n, authorisation: mandate }), 'posted');
        wire = { ...t, postings: [t.postings![0]!, { ...t.postings![1]!, a: '4' }] };
        break;
      }
    }
    u.names.set(wire.id, name(i));
    wires.push(wire);
  });
  return wires;
}

async function apply(u: Universe, wires: WireTransfer[], linked: boolean, batchNo: number) {
  const payload = { linked, batchId: linked ? `batch-${u.prefix}-${batchNo}` : null, at: clock.now().toISOString(), transfers: wires, path: u.path };
  const strip = (text: string) => text.replaceAll(u.prefix, 'U').replace(/tr_[0-9A-Z]{26}/g, (id) => u.names.get(id) ?? 'tr?');
  try {
    const result = await database.current.db.execute(sql`SELECT ledger_create_transfers(${JSON.stringify(payload)}::jsonb) AS r, current_setting('ledger.path', true) AS path`);
    const rows = (result.rows[0] as { r: Array<{ id: string; status: string; code?: string; message?: string }> }).r;
    if ((result.rows[0] as { path: string | null }).path === 'simple') u.simpleTaken += 1;
    wires.forEach((wire, i) => {
      if (rows[i]!.status === 'created') u.sent.push({ name: u.names.get(wire.id)!, wire });
    });
    return { ok: rows.map((r) => ({ id: u.names.get(r.id) ?? r.id, status: r.status, code: r.code, message: r.message && strip(r.message) })) };
  } catch (error) {
    const e = toLedgerError(error) as { code?: string; message?: string };
    return { error: e.code, message: strip(String(e.message)) };
  }
}

async function snapshot(u: Universe) {
  const db = database.current.db;
  const like = `${u.prefix}%`;
  const accounts = await db.execute(sql`
    SELECT replace(owner_id, ${u.prefix}, 'U') AS owner, purpose, debits_pending_fen::text AS dpe, debits_posted_fen::text AS dpo, credits_pending_fen::text AS cpe, credits_posted_fen::text AS cpo
      FROM ledger_accounts WHERE owner_id LIKE ${like} ORDER BY owner_id, purpose`);
  const transfers = await db.execute(sql`
    SELECT t.id, t.kind, t.phase, t.pending_id, t.amount_fen::text AS amount, t.custody, t.metadata, t.batch_id IS NOT NULL AS batched,
           (SELECT owner_id FROM ledger_accounts WHERE id = t.debit_account_id) AS debit, (SELECT owner_id FROM ledger_accounts WHERE id = t.credit_account_id) AS credit,
           EXISTS (SELECT 1 FROM custody_instructions c WHERE c.transfer_id = t.id) AS instructed,
           (SELECT json_agg(json_build_object('a', (SELECT owner_id FROM ledger_accounts WHERE id = e.account_id), 'c', e.is_credit, 'p', e.is_pending, 'f', e.amount_fen::text) ORDER BY e.id)
              FROM ledger_entries e WHERE e.transfer_id = t.id) AS entries
      FROM ledger_transfers t WHERE t.idempotency_key LIKE ${like} ORDER BY t.id`);
  const name = (id: unknown) => (typeof id === 'string' ? (u.names.get(id) ?? id) : id);
  return {
    accounts: accounts.rows,
    transfers: (transfers.rows as Array<Record<string, unknown>>)
      .map((t) => ({ ...t, id: name(t.id), pending_id: name(t.pending_id), metadata: JSON.parse(JSON.stringify(t.metadata).replaceAll(u.prefix, 'U')), debit: String(t.debit).replace(u.prefix, 'U'), credit: String(t.credit).replace(u.prefix, 'U'), entries: JSON.parse(JSON.stringify(t.entries ?? []).replaceAll(u.prefix, 'U')) }))
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  };
}

describe('ledger_create_transfers: the simple, set-based and sequential paths agree', () => {
  it('request hashes are hashCanonical of the parsed request', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('posted', 'pending'),
        fc.string({ minLength: 1 }),
        fc.array(fc.record({ ownerId: fc.string({ minLength: 1, maxLength: 100 }), purpose: fc.string({ minLength: 1, maxLength: 40 }), credit: fc.boolean(), amount: fc.bigInt({ min: 1n, max: 10n ** 15n }) }), { minLength: 2, maxLength: 5 }),
        fc.dictionary(fc.string(), fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.boolean(), fc.constant(null))),
        (op, kind, postings, metadata) => {
          const parsed = postings.map((p) => ({ account: { ownerKind: 'user', ownerId: p.ownerId, purpose: p.purpose } as AccountKey, side: p.credit ? ('credit' as const) : ('debit' as const), amountFen: p.amount }));
          expect(transferRequestHash(op, kind, parsed, 'outbox', metadata)).toBe(hashCanonical({ op, kind, postings: parsed, custody: 'outbox', metadata }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random batches give the same results, errors, rows and balances', { timeout: 120_000 }, async () => {
    const db = database.current.db;
    await openPlatformAccounts(db, clock);
    let runNo = 0;
    let simpleTaken = 0;
    let simpleElsewhere = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(batchArb, { minLength: 1, maxLength: 6 }), async (batches) => {
        runNo += 1;
        const universes: Universe[] = (['set', 'sequential', 'simple'] as const).map((path) => ({ prefix: `r${runNo}${{ set: 'x', sequential: 'q', simple: 's' }[path]}`, path, names: new Map(), sent: [], holds: [], simpleTaken: 0 }));
        for (const u of universes) {
          await openAccounts(db, clock, [...Array.from({ length: USERS }, (_, i) => userAvailable(`${u.prefix}u${i}`)), listingEscrow(`${u.prefix}L`)]);
          const funding = Array.from({ length: USERS }, (_, i) =>
            toWireTransfer(clock, simpleTransfer({ idempotencyKey: `${u.prefix}-fund-${i}`, kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable(`${u.prefix}u${i}`), amountFen: 500n, authorisation: { kind: 'one_time_code', reference: 'x' }, custody: 'direct' }), 'posted'),
          );
          funding.forEach((wire, i) => u.names.set(wire.id, `fund-${i}`));
          expect(await apply(u, funding, true, -1)).toHaveProperty('ok');
          u.simpleTaken = 0; // count the random batches only
        }
        for (const [batchNo, batch] of batches.entries()) {
          const [a, b, c] = await Promise.all(universes.map(async (u) => apply(u, wiresFor(u, batchNo, batch.ops), batch.linked, batchNo)));
          expect(a, JSON.stringify(batch)).toEqual(b);
          expect(c, JSON.stringify(batch)).toEqual(b);
        }
        const [sa, sb, sc] = await Promise.all(universes.map(snapshot));
        expect(sa).toEqual(sb);
        expect(sc).toEqual(sb);
        simpleTaken += universes[2]!.simpleTaken;
        simpleElsewhere += universes[0]!.simpleTaken + universes[1]!.simpleTaken;
      }),
      {
        numRuns: 60,
        examples: [
          // A hold voided, then posted (CONFLICT), linked and not; then posted twice in one batch.
          [[{ linked: true, ops: [{ t: 'hold', from: 0, amount: 100 }] }, { linked: true, ops: [{ t: 'void', hold: 0 }] }, { linked: true, ops: [{ t: 'post', hold: 0 }] }, { linked: false, ops: [{ t: 'post', hold: 0 }] }]],
          [[{ linked: true, ops: [{ t: 'hold', from: 1, amount: 100 }] }, { linked: true, ops: [{ t: 'post', hold: 0, amount: 40 }, { t: 'void', hold: 0 }] }]],
          // Partial post, post above the hold, a linked batch whose middle transfer overdraws.
          [[{ linked: true, ops: [{ t: 'hold', from: 2, amount: 100 }] }, { linked: true, ops: [{ t: 'post', hold: 0, amount: 101 }] }, { linked: true, ops: [{ t: 'post', hold: 0, amount: 0 }] }]],
          [[{ linked: true, ops: [{ t: 'pay', from: 0, to: 1, amount: 400 }, { t: 'pay', from: 0, to: 1, amount: 400 }, { t: 'pay', from: 2, to: 0, amount: 400 }] }]],
          // Not linked: a refused transfer does not count for the ones after it (re-planned without it).
          [[{ linked: false, ops: [{ t: 'pay', from: 0, to: 1, amount: 400 }, { t: 'pay', from: 0, to: 1, amount: 400 }, { t: 'pay', from: 2, to: 0, amount: 400 }, { t: 'pay', from: 0, to: 1, amount: 400 }, { t: 'dupKey', of: 1, same: true }] }]],
          // More failures than re-planning rounds: the sequential path.
          [[{ linked: false, ops: [...Array.from({ length: 10 }, () => ({ t: 'unknownAccount' as const })), { t: 'pay', from: 0, to: 1, amount: 1 }] }]],
        ],
      },
    );
    // The fast path took a share of the random batches, and only where allowed.
    expect(simpleTaken).toBeGreaterThan(40);
    expect(simpleElsewhere).toBe(0);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('createPendingTransfers places many holds in one call: linked all or none, not linked one result each', async () => {
    const db = database.current.db;
    await openPlatformAccounts(db, clock);
    const users = Array.from({ length: 30 }, (_, i) => `holds-u${i}`);
    await openAccounts(db, clock, [...users.map(userAvailable), listingEscrow('holds-L')]);
    await createTransfers(db, clock, users.map((u) => simpleTransfer({ idempotencyKey: `holds-fund-${u}`, kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable(u), amountFen: 1_000n, authorisation: { kind: 'one_time_code', reference: 'x' }, custody: 'direct' })));
    const hold = (u: string, amountFen: bigint, key = `holds-${u}-${amountFen}`) => ({ idempotencyKey: key, kind: 'bid_hold' as const, debit: userAvailable(u), credit: listingEscrow('holds-L'), amountFen, authorisation: { kind: 'bid_request' as const, reference: key } });
    const placed = await createPendingTransfers(db, clock, users.map((u) => hold(u, 600n)));
    expect(placed.map((r) => r.status)).toEqual(users.map(() => 'created'));
    // Linked: the one that overdraws refuses the whole batch.
    await expect(createPendingTransfers(db, clock, [hold(users[0]!, 100n), hold(users[1]!, 401n)])).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect((await getBalances(db, [userAvailable(users[0]!)]))[0]!.availableFen).toBe(400n);
    // Not linked: each alone; a replay returns the first hold.
    const mixed = await createPendingTransfers(db, clock, [hold(users[0]!, 100n), hold(users[1]!, 401n), hold(users[2]!, 600n)], { linked: false });
    expect(mixed.map((r) => r.status)).toEqual(['created', 'failed', 'replayed']);
    expect(mixed[2]!.id).toBe(placed[2]!.id);
    expect((await getBalances(db, [listingEscrow('holds-L')]))[0]!.creditsPendingFen).toBe(30n * 600n + 100n);
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});
