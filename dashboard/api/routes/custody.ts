import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { reconciliationIncidents, reconciliationRuns } from '../../../db/schema';
import { AppError } from '../../../kernel/errors';
import { parseFen, parseYuan, toYuanString } from '../../../kernel/money';
import {
  depositFunds,
  getUserBalances,
  isFundingFrozen,
  listUserStatement,
  reconcileDay,
  requestOneTimeCode,
  resolveReconciliationIncident,
  SimulatedCustodianBank,
  withdrawFunds,
  type CustodyDeps,
} from '../../../ledger';
import { service, type ApiDeps } from '../api-deps';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';

/** The custodian behind the API: the simulated bank unless a real adapter is configured. */
export function custodianFor(deps: ApiDeps): SimulatedCustodianBank {
  if (!deps.config.SIMULATED_CUSTODIAN) throw new AppError('DEPENDENCY_UNAVAILABLE', 'no custodian bank adapter is configured (SIMULATED_CUSTODIAN=false)');
  return service(deps, 'custodian', () => new SimulatedCustodianBank({ db: deps.db, clock: deps.clock }));
}

function custodyDeps(deps: ApiDeps): CustodyDeps {
  return { db: deps.db, clock: deps.clock, bank: custodianFor(deps) };
}

/** Exactly one of `amount` (yuan, two decimals at most) or `amountFen` (whole fen); never a number. */
const amountFields = {
  amount: z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'yuan as a string with at most two decimals, e.g. "1234.56"').optional(),
  amountFen: z.string().regex(/^\d{1,15}$/, 'whole fen as a string, e.g. "123456"').optional(),
};
const exactlyOneAmount = (v: { amount?: string; amountFen?: string }) => (v.amount === undefined) !== (v.amountFen === undefined);
const amountMessage = { message: 'give exactly one of amount (yuan string) or amountFen (fen string)', path: ['amount'] };

function amountOf(body: { amount?: string; amountFen?: string }): bigint {
  const fen = body.amount !== undefined ? parseYuan(body.amount, { field: 'amount' }) : parseFen(body.amountFen, { field: 'amountFen' });
  if (fen <= 0n) throw new AppError('VALIDATION', 'amount must be greater than zero', { field: body.amount !== undefined ? 'amount' : 'amountFen' });
  return fen;
}

const money = (fen: bigint) => ({ yuan: toYuanString(fen), fen: fen.toString() });
const movementBody = z.object({ ...amountFields, challengeId: z.string().min(1).max(64), oneTimeCode: z.string().regex(/^\d{6}$/, 'six digits') }).refine(exactlyOneAmount, amountMessage);
const movementResponse = z.object({ transferId: z.string(), status: z.enum(['created', 'replayed']), amount: z.string().describe('yuan'), amountFen: z.string(), bankReference: z.string().nullable() });
const present = (r: { transferId: string; status: string; amountFen: bigint; bankReference: string | null }) => ({
  transferId: r.transferId,
  status: r.status,
  amount: toYuanString(r.amountFen),
  amountFen: r.amountFen.toString(),
  bankReference: r.bankReference,
});

export const custodyRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/custody/one-time-codes',
    summary: 'Ask the custodian bank to send you a one-time code authorising one deposit, withdrawal or fee payment of one amount',
    tag: 'custody',
    access: ['borrower', 'investor'],
    body: z.object({ movement: z.enum(['deposit', 'withdrawal', 'fee']), ...amountFields }).refine(exactlyOneAmount, amountMessage),
    response: z.object({ challengeId: z.string(), expiresAt: z.string(), movement: z.string(), amount: z.string(), amountFen: z.string(), delivery: z.literal('sms') }),
    handler: async ({ deps, user, body }) => {
      const me = requireUser(user);
      const challenge = await requestOneTimeCode(custodyDeps(deps), { userId: me.id, movement: body.movement, amountFen: amountOf(body) });
      return { status: 201, body: { ...challenge, amount: toYuanString(challenge.amountFen), amountFen: challenge.amountFen.toString() } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/custody/one-time-codes/:challengeId',
    summary: 'SIMULATED CUSTODIAN ONLY: read the one-time code the bank "sent by SMS" (only the user it was issued to)',
    tag: 'custody',
    access: ['borrower', 'investor'],
    params: z.object({ challengeId: z.string().min(1).max(64) }),
    response: z.object({ challengeId: z.string(), code: z.string(), expiresAt: z.string() }),
    handler: async ({ deps, user, params }) => {
      const me = requireUser(user);
      const sms = await custodianFor(deps).peekOneTimeCode(params.challengeId);
      if (!sms || sms.holderId !== me.id) throw new AppError('NOT_FOUND', 'no such one-time code');
      return { status: 200, body: { challengeId: params.challengeId, code: sms.code, expiresAt: sms.expiresAt.toISOString() } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/custody/deposits',
    summary: 'Deposit from your own bank card into your custody sub-account (needs a one-time code for this amount)',
    tag: 'custody',
    access: ['borrower', 'investor'],
    idempotent: true,
    body: movementBody,
    response: movementResponse,
    handler: async ({ deps, user, body, idempotencyKey }) => {
      const me = requireUser(user);
      const result = await depositFunds(custodyDeps(deps), { userId: me.id, amountFen: amountOf(body), idempotencyKey: idempotencyKey!, challengeId: body.challengeId, oneTimeCode: body.oneTimeCode });
      return { status: result.status === 'created' ? 201 : 200, body: present(result) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/custody/withdrawals',
    summary: 'Withdraw from your custody sub-account to your own bank card (needs a one-time code for this amount)',
    tag: 'custody',
    access: ['borrower', 'investor'],
    idempotent: true,
    body: movementBody,
    response: movementResponse,
    handler: async ({ deps, user, body, idempotencyKey }) => {
      const me = requireUser(user);
      const result = await withdrawFunds(custodyDeps(deps), { userId: me.id, amountFen: amountOf(body), idempotencyKey: idempotencyKey!, challengeId: body.challengeId, oneTimeCode: body.oneTimeCode });
      return { status: result.status === 'created' ? 201 : 200, body: present(result) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/balances',
    summary: 'Your custody balances: available, reserved by open holds, held, total (yuan strings, and fen strings in *Fen)',
    tag: 'custody',
    access: 'authenticated',
    handler: async ({ deps, user }) => {
      const b = await getUserBalances(deps.db, requireUser(user).id);
      const out: Record<string, string> = {};
      for (const [name, fen] of Object.entries({ available: b.availableFen, pendingOut: b.pendingOutFen, held: b.heldFen, total: b.totalFen })) {
        out[name] = money(fen).yuan;
        out[`${name}Fen`] = money(fen).fen;
      }
      return { status: 200, body: out };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/statement',
    summary: 'Your ledger statement, newest first; page with ?before=<nextBefore>',
    tag: 'custody',
    access: 'authenticated',
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.string().regex(/^\d{1,19}$/).optional() }),
    handler: async ({ deps, user, query }) => {
      const page = await listUserStatement(deps.db, requireUser(user).id, { limit: query.limit, before: query.before === undefined ? undefined : BigInt(query.before) });
      const items = page.items.map((i) => ({ ...i, entryId: i.entryId.toString(), amount: toYuanString(i.amountFen), amountFen: i.amountFen.toString() }));
      return { status: 200, body: { items, nextBefore: page.nextBefore?.toString() ?? null } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/admin/reconciliation',
    summary: 'Reconciliation runs (newest first), open incidents, and whether new funding is frozen',
    tag: 'admin',
    access: ['admin'],
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) }),
    handler: async ({ deps, query }) => {
      const runs = await deps.db.select().from(reconciliationRuns).orderBy(desc(reconciliationRuns.businessDate)).limit(query.limit);
      const openIncidents = await deps.db.select().from(reconciliationIncidents).where(eq(reconciliationIncidents.status, 'open')).orderBy(desc(reconciliationIncidents.openedAt));
      return { status: 200, body: { fundingFrozen: await isFundingFrozen(deps.db), runs, openIncidents } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/admin/reconciliation/runs',
    summary: 'Run (or replay) the reconciliation of one past business date',
    tag: 'admin',
    access: ['admin'],
    body: z.object({ businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') }),
    handler: async ({ deps, body }) => ({ status: 200, body: await reconcileDay(custodyDeps(deps), { businessDate: body.businessDate }) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/admin/reconciliation/incidents/:id/resolve',
    summary: 'Resolve a reconciliation incident with an explanation; funding unfreezes when none is left open',
    tag: 'admin',
    access: ['admin'],
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z.object({ resolution: z.string().trim().min(10).max(2000) }),
    handler: async ({ deps, user, params, body }) => {
      const result = await resolveReconciliationIncident(deps, { incidentId: params.id, adminId: requireUser(user).id, resolution: body.resolution });
      return { status: 200, body: result };
    },
  }),
];
