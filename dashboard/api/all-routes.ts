import { buildOpenApi } from './openapi';
import { defineRoute, type AnyRoute } from './define-route';
import { contextRoutes } from './routes';

const openApiRoute = defineRoute({
  method: 'GET',
  path: '/api/openapi.json',
  summary: 'This API as an OpenAPI 3.1 document, generated from the route schemas',
  tag: 'platform',
  access: 'public',
  handler: async () => ({ status: 200, body: buildOpenApi(allRoutes) }),
});

export const allRoutes: AnyRoute[] = [...contextRoutes, openApiRoute];
