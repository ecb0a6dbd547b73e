import { z } from 'zod';
import { chinaDate } from '../../../kernel/calendar';
import { actualVersusExpectedDefault } from '../../../lending/analytics/actual-vs-expected-default';
import { expectedCreditLossByGrade } from '../../../lending/analytics/expected-credit-loss-by-grade';
import { overdueRatesByGradeAndTerm } from '../../../lending/analytics/overdue-rates';
import { rollRates } from '../../../lending/analytics/roll-rates';
import { vintageCurves } from '../../../lending/analytics/vintage-curves';
import { defineRoute } from '../define-route';

/** Portfolio analytics for analysts (reports only; nothing here moves money). */
const STAFF = ['analyst', 'admin'] as const;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const analyticsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/analytics/expected-loss',
    summary: 'Expected credit loss by grade (PD × LGD × exposure); a report, never a payment',
    tag: 'analytics',
    access: STAFF,
    query: z.object({ lgdBps: z.coerce.number().int().min(0).max(10_000).optional() }),
    handler: async ({ deps, query }) => ({ status: 200, body: await expectedCreditLossByGrade(deps.db, query.lgdBps === undefined ? {} : { lgdBps: query.lgdBps }) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/analytics/overdue-rates',
    summary: 'Overdue rates by grade and term',
    tag: 'analytics',
    access: STAFF,
    handler: async ({ deps }) => ({ status: 200, body: { items: await overdueRatesByGradeAndTerm(deps.db) } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/analytics/vintages',
    summary: 'Vintage curves: cumulative 30+ and 90+ days past due by origination month',
    tag: 'analytics',
    access: STAFF,
    query: z.object({ asOf: isoDate.optional(), maxMonths: z.coerce.number().int().min(1).max(60).optional() }),
    handler: async ({ deps, query }) => ({ status: 200, body: { items: await vintageCurves(deps.db, { asOf: query.asOf ?? chinaDate(deps.clock.now()), ...(query.maxMonths ? { maxMonths: query.maxMonths } : {}) }) } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/analytics/roll-rates',
    summary: 'Roll rates between delinquency buckets from one date to another',
    tag: 'analytics',
    access: STAFF,
    query: z.object({ from: isoDate, to: isoDate }).refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] }),
    handler: async ({ deps, query }) => ({ status: 200, body: { items: await rollRates(deps.db, query) } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/analytics/default-vs-expected',
    summary: 'Actual versus expected default by grade (labelled loans)',
    tag: 'analytics',
    access: STAFF,
    handler: async ({ deps }) => ({ status: 200, body: { items: await actualVersusExpectedDefault(deps.db) } }),
  }),
];
