import http from 'node:http';

export interface PacedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface PacedResult {
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  total: number;
  non2xx: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2));
}

/**
 * Open-loop load at an even pace: request k is due at start + k / rate, whatever happened to
 * the requests before it, and its latency counts from when it was due (so a slow server cannot
 * hide its queue by delaying the load: no coordinated omission). autocannon's fixed rates are
 * per-connection budgets per second, sent back to back at each second's start: bursts, not a
 * pace. This measures "p99 at N requests per second" as a steady arrival rate.
 */
export async function pacedLoad(options: { port: number; ratePerSecond: number; seconds: number; maxSockets: number; request: (n: number) => PacedRequest }): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const total = Math.round(options.ratePerSecond * options.seconds);
  const intervalMs = 1000 / options.ratePerSecond;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  const send = (n: number, dueMs: number) =>
    new Promise<void>((resolve) => {
      const r = options.request(n);
      const req = http.request({ host: '127.0.0.1', port: options.port, method: 'POST', path: r.path, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) }, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - dueMs);
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx += 1;
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(r.body);
    });
  let next = 0;
  while (next < total) {
    const now = performance.now();
    // Send everything due by now (timers fire late by a millisecond or so; the pace holds).
    while (next < total && started + next * intervalMs <= now) {
      inFlight.push(send(next, started + next * intervalMs));
      next += 1;
    }
    const wait = started + next * intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requestsPerSecond: Number((latencies.length / seconds).toFixed(1)), p50Ms: percentile(latencies, 50), p90Ms: percentile(latencies, 90), p99Ms: percentile(latencies, 99), maxMs: percentile(latencies, 100), total: latencies.length, non2xx, errors };
}
