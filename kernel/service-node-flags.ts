/**
 * V8 flags for the API and worker processes. A decision or a bid allocates many short-lived
 * objects (request JSON, feature snapshots, rule results, rows); with V8's default young
 * generation (16 MB semi-spaces) a scavenge stops the event loop every few milliseconds under
 * load. 64 MB semi-spaces cut the API's CPU per decision by about 10% and raised decisions and
 * bids per second by about as much (interleaved runs of `npm run bench -- decisions funding`),
 * for at most about 150 MB more memory per process.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'];

/** NODE_OPTIONS for a service process started through another command (npx tsx …). */
export function serviceNodeOptions(existing = process.env.NODE_OPTIONS ?? ''): string {
  return [existing, ...SERVICE_NODE_FLAGS].filter((part) => part !== '').join(' ');
}
