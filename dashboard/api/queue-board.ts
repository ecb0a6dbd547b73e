import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { resolveSession } from '../../auth/sessions';
import { AppError } from '../../kernel/errors';
import { producerConnection } from '../../jobs/connections';
import { openQueues, type QueueSet } from '../../jobs/queues';
import type { ApiDeps } from './api-deps';
import { errorResponse, SESSION_COOKIE } from './create-api-app';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

/**
 * Queue monitoring (bull-board) for admins, under the API. Admin-only: a browser session (or
 * bearer token) holding the admin role; anyone else gets 401/403 before bull-board sees the
 * request. Changes from the board (retry, clean) need the CSRF header the board does not send,
 * so through the browser it is read-only by design.
 */
export function mountQueueBoard(app: Hono, deps: ApiDeps): QueueSet {
  const queues = openQueues(producerConnection(deps.config.REDIS_URL), deps.redisPrefix);
  const serverAdapter = new HonoAdapter(serveStatic);
  // The Hono adapter pins a patch release of @bull-board/api of its own; the interface is the same.
  createBullBoard({ queues: Object.values(queues).filter((q) => typeof q === 'object').map((q) => new BullMQAdapter(q)), serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'] });
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  app.use(`${QUEUE_BOARD_PATH}/*`, async (c, next) => {
    try {
      const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      const cookie = getCookie(c, SESSION_COOKIE);
      const user = bearer ? await resolveSession(deps, bearer, 'api') : cookie ? await resolveSession(deps, cookie, 'browser') : undefined;
      if (!user) throw new AppError('UNAUTHENTICATED', 'sign in as an admin first');
      if (!user.roles.includes('admin')) throw new AppError('FORBIDDEN', 'queue monitoring is for admins');
      if (c.req.method !== 'GET') throw new AppError('FORBIDDEN', 'the queue board is read-only here');
    } catch (error) {
      return errorResponse(error);
    }
    await next();
  });
  app.route(QUEUE_BOARD_PATH, serverAdapter.registerPlugin());
  return queues;
}
