import { runCompliance } from '../../../compliance/run-compliance';
import { defineRoute } from '../define-route';

export const complianceRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/admin/compliance',
    summary: 'Compliance self-check: every requirement checked against configuration and books (pass / fail / info with evidence)',
    tag: 'admin',
    access: ['admin'],
    handler: async ({ deps }) => {
      const results = await runCompliance({ db: deps.db, clock: deps.clock });
      return { status: 200, body: { checkedAt: deps.clock.now().toISOString(), passed: results.filter((r) => r.status === 'pass').length, failed: results.filter((r) => r.status === 'fail').length, results } };
    },
  }),
];
