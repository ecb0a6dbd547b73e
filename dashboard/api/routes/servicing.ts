import { z } from 'zod';
import { withIdempotency } from '../../../db/idempotency';
import { AppError } from '../../../kernel/errors';
import { parseYuan, toYuanString } from '../../../kernel/money';
import { getBorrowerLoans } from '../../../lending/servicing/get-borrower-loans';
import { getInvestorPortfolio } from '../../../lending/servicing/get-investor-portfolio';
import { ledgerServicingMoney } from '../../../lending/servicing/ledger-money';
import { listNotifications, markNotificationsRead } from '../../../lending/servicing/list-notifications';
import { repayLoan } from '../../../lending/servicing/repay-loan';
import { DEFAULT_SERVICING_POLICY } from '../../../lending/servicing/servicing-policy';
import { service, type ApiDeps } from '../api-deps';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';

/** Borrowers' and investors' own loans (REQUIREMENTS 22; issue 7 item 7). Amounts: yuan strings. */
export function servicingDepsOf(deps: ApiDeps) {
  const money = service(deps, 'servicing-money', () => ledgerServicingMoney(deps.clock));
  return { db: deps.db, clock: deps.clock, money, policy: DEFAULT_SERVICING_POLICY };
}

const yuan = (fen: bigint) => toYuanString(fen);
const paging = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });

/** The use case speaks fen (`amountFen`); this API's field is `amount` in yuan. */
function renameAmountField(error: unknown): never {
  if (error instanceof AppError && error.details?.field === 'amountFen') {
    throw new AppError(error.code, error.message.replace(/amountFen (\d+)/, (_m, fen: string) => `amount ${toYuanString(BigInt(fen))}`).replace(/(\d+) fen/g, (_m, fen: string) => `${toYuanString(BigInt(fen))} yuan`), { ...error.details, field: 'amount' });
  }
  throw error;
}

export const servicingRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/loans',
    summary: 'My loans as a borrower: schedule, what is due now, the next installment',
    tag: 'servicing',
    access: ['borrower'],
    handler: async ({ deps, user }) => {
      const loans = await getBorrowerLoans(deps.db, deps.clock, requireUser(user).id);
      const items = loans.map((l) => ({
        ...l,
        principal: yuan(l.principalFen),
        principalOutstanding: yuan(l.principalOutstandingFen),
        dueNow: yuan(l.dueNowFen),
        schedule: l.schedule.map((i) => ({ installmentNo: i.installmentNo, dueDate: i.dueDate, principal: yuan(i.principalFen), interest: yuan(i.interestFen), fee: yuan(i.feeFen), penalty: yuan(i.penaltyFen), owed: yuan(i.owedFen), settledOn: i.settledOn })),
        next: l.next ? { installmentNo: l.next.installmentNo, dueDate: l.next.dueDate, owed: yuan(l.next.owedFen) } : null,
        principalFen: undefined,
        principalOutstandingFen: undefined,
        dueNowFen: undefined,
      }));
      return { status: 200, body: { items } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/loans/:id/repayments',
    summary: 'Repay what is due (partial allowed) or repay the whole loan early',
    tag: 'servicing',
    access: ['borrower'],
    idempotent: true,
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z.object({ mode: z.enum(['due', 'early']), amount: z.string().max(20).optional() }),
    handler: async ({ deps, user, params, body, idempotencyKey }) => {
      const me = requireUser(user);
      const amountFen = body.amount === undefined ? undefined : parseYuan(body.amount, { field: 'amount' });
      if (body.mode === 'due' && (amountFen === undefined || amountFen <= 0n)) {
        throw new AppError('VALIDATION', 'amount must be a positive yuan amount when mode is "due"', { field: 'amount' });
      }
      const result = await withIdempotency(deps.db, deps.clock, { scope: `repayment:${me.id}`, key: idempotencyKey!, request: { loanId: params.id, ...body } }, async (tx) => {
        const r = await repayLoan(tx, servicingDepsOf(deps), { loanId: params.id, borrowerId: me.id, mode: body.mode, amountFen, idempotencyKey: idempotencyKey! }).catch(renameAmountField);
        const p = r.repayment;
        return {
          status: 201,
          body: {
            repaymentId: p?.id ?? null,
            amount: yuan(p?.amountFen ?? 0n),
            principal: yuan(p?.principalFen ?? 0n),
            interest: yuan(p?.interestFen ?? 0n),
            fee: yuan(p?.feeFen ?? 0n),
            penalty: yuan(p?.penaltyFen ?? 0n),
            loanStatus: r.loanStatus,
            principalOutstanding: yuan(r.principalOutstandingFen),
          },
        };
      });
      const headers: Record<string, string> = result.replayed ? { 'idempotent-replayed': 'true' } : {};
      return { status: result.status, body: result.body, headers };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/portfolio',
    summary: 'My portfolio as an investor: holdings, received, due, overdue, XIRR',
    tag: 'servicing',
    access: ['investor'],
    handler: async ({ deps, user }) => {
      const p = await getInvestorPortfolio(deps.db, deps.clock, requireUser(user).id);
      return {
        status: 200,
        body: {
          holdings: p.holdings.map((h) => ({ loanId: h.loanId, grade: h.grade, status: h.status, delinquencyStatus: h.delinquencyStatus, principal: yuan(h.principalFen), outstandingPrincipal: yuan(h.outstandingPrincipalFen), received: yuan(h.receivedFen), due: yuan(h.dueFen), overdue: yuan(h.overdueFen) })),
          totals: Object.fromEntries(Object.entries(p.totals).map(([k, v]) => [k.replace(/Fen$/, ''), yuan(v)])),
          xirr: p.xirr === null ? null : Number(p.xirr.toFixed(6)),
        },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/notifications',
    summary: 'My notifications (repayments and compensation on loans I hold)',
    tag: 'servicing',
    access: 'authenticated',
    query: paging,
    handler: async ({ deps, user, query }) => ({ status: 200, body: { items: await listNotifications(deps.db, requireUser(user).id, query), limit: query.limit, offset: query.offset } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/me/notifications/read',
    summary: 'Mark notifications as read',
    tag: 'servicing',
    access: 'authenticated',
    body: z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) }),
    handler: async ({ deps, user, body }) => ({ status: 200, body: { updated: await markNotificationsRead(deps.db, deps.clock, requireUser(user).id, body.ids) } }),
  }),
];
