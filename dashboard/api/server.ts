import { serve } from '@hono/node-server';
import { loadConfig } from '../../kernel/config';
import { ConfigError } from '../../kernel/config';
import { createApiDeps } from './api-deps';
import { allRoutes } from './all-routes';
import { createApiApp } from './create-api-app';
import { mountQueueBoard } from './queue-board';
import { bootstrapPlatform } from './bootstrap-platform';
import { SimulatedCustodianBank } from '../../ledger';

/**
 * The HTTP API as its own stateless Node process (Next.js forwards /api/* here). Run many
 * of them behind a load balancer to scale out.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const deps = createApiDeps(config);
  await bootstrapPlatform({ db: deps.db, clock: deps.clock, bank: new SimulatedCustodianBank({ db: deps.db, clock: deps.clock }) });
  const app = createApiApp(deps, allRoutes);
  const boardQueues = mountQueueBoard(app, deps);
  const server = serve({ fetch: app.fetch, port: config.API_PORT, hostname: '127.0.0.1' }, (info) => {
    console.log(`[api] listening on http://127.0.0.1:${info.port}`);
  });
  const shutdown = async (signal: string) => {
    console.log(`[api] ${signal}: closing`);
    server.close();
    await boardQueues.closeAll();
    await deps.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
