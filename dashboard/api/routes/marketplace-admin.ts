import { relatedPartyReport } from '../../../lending/marketplace/related-party-report';
import { recordRelatedParty, relatedPartySchema } from '../../../lending/marketplace/record-related-party';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';

/** Item 4: related parties of the platform, recorded by admins and reported separately. */
export const marketplaceAdminRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/admin/related-parties',
    summary: 'Record a related party of the platform: their listings and bids are refused from now on, existing listings flagged',
    tag: 'admin',
    access: ['admin'],
    body: relatedPartySchema,
    handler: async ({ deps, user, body }) => {
      const result = await recordRelatedParty(deps, requireUser(user).id, body);
      return { status: result.created ? 201 : 200, body: { ...result, relatedParty: { ...result.relatedParty, recordedAt: result.relatedParty.recordedAt.toISOString() } } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/admin/reports/related-parties',
    summary: 'The separate related-party report: parties, their flagged listings and any bids they placed',
    tag: 'admin',
    access: ['admin'],
    handler: async ({ deps }) => ({ status: 200, body: await relatedPartyReport(deps.db) }),
  }),
];
