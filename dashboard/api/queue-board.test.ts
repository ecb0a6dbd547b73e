import { afterAll, describe, expect, it } from 'vitest';
import type { QueueSet } from '../../jobs/queues';
import { allRoutes } from './all-routes';
import { createApiApp } from './create-api-app';
import { mountQueueBoard, QUEUE_BOARD_PATH } from './queue-board';
import { useTestApi } from './testing';

const api = useTestApi();
let queues: QueueSet | undefined;
afterAll(async () => {
  await queues?.closeAll();
});

describe('queue monitoring (bull-board)', () => {
  it('is served to admins only, read-only', async () => {
    const { deps, userWithRoles } = api.current;
    const app = createApiApp(deps, allRoutes);
    queues = mountQueueBoard(app, deps);
    const admin = await userWithRoles(['admin']);
    const analyst = await userWithRoles(['analyst']);
    const get = (token?: string, method = 'GET') => app.request(`http://test.local${QUEUE_BOARD_PATH}/api/queues`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

    const ok = await get(admin.token);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((q) => q.name)).toEqual(expect.arrayContaining(['reconciliation', 'repayments', 'auto-invest']));
    expect((await get(analyst.token)).status).toBe(403);
    expect((await get()).status).toBe(401);
    expect((await get(admin.token, 'PUT')).status).toBe(403);
    // The board's page and its static assets are served under the admin path.
    const page = await app.request(`http://test.local${QUEUE_BOARD_PATH}`, { headers: { authorization: `Bearer ${admin.token}` } });
    const html = await page.text();
    expect(html).toContain(`<base href="${QUEUE_BOARD_PATH}/"`);
    const script = /src="([^"]+\.js)"/.exec(html)![1];
    const asset = await app.request(`http://test.local${QUEUE_BOARD_PATH}/${script}`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(asset.status).toBe(200);
    // The rest of the API is unaffected.
    expect((await app.request('http://test.local/api/health')).status).toBe(200);
  });
});
