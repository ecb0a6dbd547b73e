import { z } from 'zod';
import { AppError } from '../../../kernel/errors';
import { listMajorEvents } from '../../../lending/disclosures/log-major-event';
import { findDisclosure, listDisclosures } from '../../../lending/disclosures/publish-monthly-disclosure';
import { defineRoute } from '../define-route';

/** Public disclosures: the monthly snapshots (same id and hash as the web page) and major events. */
export const disclosureRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/disclosures',
    summary: 'Monthly operating disclosures, newest first (id, month, content hash)',
    tag: 'disclosures',
    access: 'public',
    handler: async ({ deps }) => ({ status: 200, body: { items: await listDisclosures(deps.db) } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/disclosures/:yearMonth',
    summary: 'One month\'s disclosure snapshot: every figure with its formula, and the content hash',
    tag: 'disclosures',
    access: 'public',
    params: z.object({ yearMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM') }),
    handler: async ({ deps, params }) => {
      const snapshot = await findDisclosure(deps.db, params.yearMonth);
      if (!snapshot) throw new AppError('NOT_FOUND', `no disclosure published for ${params.yearMonth}`);
      return { status: 200, body: snapshot, headers: { etag: `"${snapshot.contentHash}"` } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/major-events',
    summary: 'Major events, each with its 48-hour publication deadline',
    tag: 'disclosures',
    access: 'public',
    handler: async ({ deps }) => ({ status: 200, body: { items: await listMajorEvents(deps.db, deps.clock) } }),
  }),
];
