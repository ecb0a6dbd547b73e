import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/testing/fixture';
import { SimulatedClock } from '../kernel/clock';
import { AppError } from '../kernel/errors';
import {
  createPendingTransfer,
  createTransfer,
  EXTERNAL_WORLD,
  getBalances,
  getUserBalances,
  listingEscrow,
  openAccounts,
  openPlatformAccounts,
  openUserAccounts,
  postPendingTransfer,
  simpleTransfer,
  userAvailable,
  verifyLedger,
  voidPendingTransfer,
} from './index';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-03-02T02:00:00Z');
let runNo = 0;

type Op =
  | { t: 'deposit' | 'withdraw' | 'hold'; user: number; amount: number }
  | { t: 'post'; hold: number; part: number }
  | { t: 'void'; hold: number }
  | { t: 'replay' }
  | { t: 'racingHolds'; user: number; amount: number }
  | { t: 'racingPostVoid'; hold: number };

const user = fc.integer({ min: 0, max: 1 });
const amount = fc.integer({ min: 1, max: 5_000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constantFrom('deposit' as const, 'withdraw' as const, 'hold' as const), user, amount }),
  fc.record({ t: fc.constant('post' as const), hold: fc.nat(9), part: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ t: fc.constant('void' as const), hold: fc.nat(9) }),
  fc.record({ t: fc.constant('replay' as const) }),
  fc.record({ t: fc.constant('racingHolds' as const), user, amount }),
  fc.record({ t: fc.constant('racingPostVoid' as const), hold: fc.nat(9) }),
);

/** The model: what each account must hold after every step. */
interface Model {
  available: [bigint, bigint];
  pendingOut: [bigint, bigint];
  escrowPosted: bigint;
  holds: Array<{ id: string; user: number; amountFen: bigint; open: boolean }>;
}

const code = (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`);

describe('ledger invariants over random operation sequences (model-based)', () => {
  it('matches the model and verifies after every step, including races on separate connections', async () => {
    const { db } = database.current;
    await openPlatformAccounts(db, clock);
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        runNo += 1;
        const users = [`p${runNo}a`, `p${runNo}b`];
        const listing = `pl${runNo}`;
        for (const u of users) await openUserAccounts(db, clock, u);
        await openAccounts(db, clock, [listingEscrow(listing)]);
        const model: Model = { available: [0n, 0n], pendingOut: [0n, 0n], escrowPosted: 0n, holds: [] };
        let step = 0;
        let last: (() => Promise<unknown>) | undefined;
        const key = () => `r${runNo}-${(step += 1)}`;
        const hold = (u: number, amountFen: bigint, k = key()) => () =>
          createPendingTransfer(db, clock, { idempotencyKey: k, kind: 'bid_hold', debit: userAvailable(users[u]!), credit: listingEscrow(listing), amountFen, authorisation: { kind: 'bid_request', reference: k } });
        const applyHold = (u: number, amountFen: bigint, id: string) => {
          model.available[u as 0 | 1] -= amountFen;
          model.pendingOut[u as 0 | 1] += amountFen;
          model.holds.push({ id, user: u, amountFen, open: true });
        };
        const settle = (h: Model['holds'][number], postedFen: bigint) => {
          h.open = false;
          model.pendingOut[h.user as 0 | 1] -= h.amountFen;
          model.available[h.user as 0 | 1] += h.amountFen - postedFen;
          model.escrowPosted += postedFen;
        };

        for (const op of ops) {
          if (op.t === 'deposit') {
            const fen = BigInt(op.amount);
            const k = key();
            last = () => createTransfer(db, clock, simpleTransfer({ idempotencyKey: k, kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable(users[op.user]!), amountFen: fen, authorisation: { kind: 'one_time_code', reference: k }, custody: 'direct' }));
            await last();
            model.available[op.user as 0 | 1] += fen;
          } else if (op.t === 'withdraw') {
            const fen = BigInt(op.amount);
            const k = key();
            const reserve = () => createPendingTransfer(db, clock, { idempotencyKey: k, kind: 'withdrawal', debit: userAvailable(users[op.user]!), credit: EXTERNAL_WORLD, amountFen: fen, authorisation: { kind: 'one_time_code', reference: k }, custody: 'direct' });
            if (model.available[op.user]! >= fen) {
              const pending = await reserve();
              await postPendingTransfer(db, clock, { pendingId: pending.id });
              model.available[op.user as 0 | 1] -= fen;
              last = reserve;
            } else {
              await expect(reserve()).rejects.toSatisfy((e) => code(e) === 'INSUFFICIENT_FUNDS');
            }
          } else if (op.t === 'hold') {
            const fen = BigInt(op.amount);
            const attempt = hold(op.user, fen);
            if (model.available[op.user]! >= fen) {
              applyHold(op.user, fen, (await attempt()).id);
              last = attempt;
            } else {
              await expect(attempt()).rejects.toSatisfy((e) => code(e) === 'INSUFFICIENT_FUNDS');
            }
          } else if (op.t === 'post' || op.t === 'void') {
            const h = model.holds[op.hold % Math.max(1, model.holds.length)];
            if (!h) continue;
            const postedFen = op.t === 'post' ? (h.amountFen * BigInt(op.part) + 99n) / 100n : 0n;
            const attempt = op.t === 'post' ? () => postPendingTransfer(db, clock, { pendingId: h.id, amountFen: postedFen }) : () => voidPendingTransfer(db, clock, { pendingId: h.id });
            if (h.open) {
              await attempt();
              settle(h, postedFen);
            } else {
              // Exactly once: a second resolution of another kind or amount conflicts.
              await expect(op.t === 'post' ? voidPendingTransfer(db, clock, { pendingId: h.id, idempotencyKey: key() }) : postPendingTransfer(db, clock, { pendingId: h.id, idempotencyKey: key() })).rejects.toSatisfy((e) => code(e) === 'CONFLICT');
            }
          } else if (op.t === 'replay') {
            // Replaying the last successful write changes nothing.
            if (last) expect(await last()).toMatchObject({ status: 'replayed' });
          } else if (op.t === 'racingHolds') {
            // Two holds for the same money on separate pool connections: exactly as many win as fit.
            const fen = BigInt(op.amount);
            const outcomes = await Promise.allSettled([hold(op.user, fen)(), hold(op.user, fen)()]);
            const won = outcomes.filter((o): o is PromiseFulfilledResult<{ id: string; status: 'created' | 'replayed' }> => o.status === 'fulfilled');
            const fits = model.available[op.user]! >= 2n * fen ? 2 : model.available[op.user]! >= fen ? 1 : 0;
            expect(won).toHaveLength(fits);
            for (const o of outcomes) if (o.status === 'rejected') expect(code(o.reason)).toBe('INSUFFICIENT_FUNDS');
            for (const w of won) applyHold(op.user, fen, w.value.id);
          } else if (op.t === 'racingPostVoid') {
            const h = model.holds[op.hold % Math.max(1, model.holds.length)];
            if (!h || !h.open) continue;
            const [posted, voided] = await Promise.allSettled([postPendingTransfer(db, clock, { pendingId: h.id }), voidPendingTransfer(db, clock, { pendingId: h.id })]);
            expect([posted.status, voided.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
            settle(h, posted.status === 'fulfilled' ? h.amountFen : 0n);
          }

          for (const u of [0, 1] as const) {
            const balances = await getUserBalances(db, users[u]!);
            expect({ available: balances.availableFen, pendingOut: balances.pendingOutFen }).toEqual({ available: model.available[u], pendingOut: model.pendingOut[u] });
            expect(balances.availableFen >= 0n).toBe(true);
          }
          const [escrow] = await getBalances(db, [listingEscrow(listing)]);
          expect(escrow!.postedFen).toBe(model.escrowPosted);
          const verification = await verifyLedger(db);
          expect(verification).toMatchObject({ ok: true, unbalancedCount: 0, accountMismatchCount: 0, flagViolations: 0 });
        }
      }),
      { numRuns: 12 },
    );
  }, 60_000);
});
