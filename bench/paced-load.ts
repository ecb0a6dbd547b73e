import net from 'node:net';
import { ResponseReader } from './http-response-reader';
import { paceOut, percentile } from './pace';

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
  /** The non-2xx responses by status code (a 409 is a retryable conflict, a 500 a fault). */
  non2xxByStatus: Record<string, number>;
  errors: number;
}

interface Job {
  payload: string;
  dueMs: number;
}

interface Connection {
  socket: net.Socket;
  reader: ResponseReader;
  job: Job | null;
}

/** The request as one string (head and body), so each request is one socket write. */
function requestText(r: PacedRequest, port: number): string {
  let host = `127.0.0.1:${port}`;
  let connection = 'keep-alive';
  let fields = '';
  for (const name in r.headers) {
    const value = r.headers[name]!;
    const lower = name.toLowerCase();
    if (lower === 'host') host = value;
    else if (lower === 'connection') connection = value;
    else if (lower !== 'content-length') fields += `${name}: ${value}\r\n`; // ours is computed from the body
  }
  return `POST ${r.path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\nConnection: ${connection}\r\n${fields}\r\n${r.body}`;
}

/**
 * Open-loop load at an even pace: request k is due at start + k / rate, whatever happened to
 * the requests before it, and its latency counts from when it was due (so a slow server cannot
 * hide its queue by delaying the load: no coordinated omission). autocannon's fixed rates are
 * per-connection budgets per second, sent back to back at each second's start: bursts, not a
 * pace. This measures "p99 at N requests per second" as a steady arrival rate.
 *
 * The transport is raw keep-alive sockets with a small response reader, as autocannon's is:
 * node:http's client cost ~0.4 ms of CPU per request, which on a small machine is taken from
 * the server being measured. One request per socket at a time (no pipelining); requests due
 * while all maxSockets sockets are busy wait in FIFO order, their wait counting as latency.
 */
export async function pacedLoad(options: { port: number; ratePerSecond: number; seconds: number; maxSockets: number; request: (n: number) => PacedRequest }): Promise<PacedResult> {
  const total = Math.round(options.ratePerSecond * options.seconds);
  const latenciesMs = new Float64Array(total);
  let completed = 0;
  let settled = 0;
  let non2xx = 0;
  const non2xxByStatus: Record<string, number> = {};
  let errors = 0;
  const open = new Set<Connection>();
  // Most recently freed last: reusing it first keeps few sockets busy (http.Agent's 'lifo').
  const idle: Connection[] = [];
  const queue: Job[] = [];
  let queueHead = 0;
  let stopped = false;
  let allSettled = () => {};
  const settledPromise = new Promise<void>((resolve) => {
    allSettled = resolve;
  });

  const settle = (job: Job, status: number | null) => {
    if (status === null) errors += 1;
    else {
      latenciesMs[completed] = performance.now() - job.dueMs;
      completed += 1;
      if (status < 200 || status >= 300) {
        non2xx += 1;
        non2xxByStatus[status] = (non2xxByStatus[status] ?? 0) + 1;
      }
    }
    settled += 1;
    if (settled === total) allSettled();
  };
  const start = (conn: Connection, job: Job) => {
    conn.job = job;
    conn.reader.begin();
    conn.socket.write(job.payload);
  };
  const nextQueued = (): Job | null => {
    if (queueHead === queue.length) return null;
    const job = queue[queueHead]!;
    queueHead += 1;
    if (queueHead === queue.length) {
      queue.length = 0;
      queueHead = 0;
    }
    return job;
  };
  const release = (conn: Connection) => {
    const job = nextQueued();
    if (job) start(conn, job);
    else idle.push(conn);
  };
  const removeIdle = (conn: Connection) => {
    const i = idle.indexOf(conn);
    if (i >= 0) idle.splice(i, 1);
  };
  const connect = (): Connection => {
    const socket = net.connect({ host: '127.0.0.1', port: options.port, noDelay: true });
    const conn: Connection = { socket, reader: new ResponseReader(), job: null };
    open.add(conn);
    socket.on('data', (chunk: Buffer) => {
      const job = conn.job;
      if (job === null) {
        socket.destroy(); // bytes nobody asked for: the framing is lost
        return;
      }
      let end: number;
      try {
        end = conn.reader.read(chunk, 0);
      } catch {
        socket.destroy(); // 'close' fails the request
        return;
      }
      if (end < 0) return;
      conn.job = null;
      settle(job, conn.reader.status);
      if (end < chunk.length || !conn.reader.keepAlive) socket.destroy();
      else release(conn);
    });
    // The server closing an idle keep-alive socket: stop offering it before 'close' arrives.
    socket.on('end', () => {
      if (conn.job === null) {
        removeIdle(conn);
        socket.destroy();
      }
    });
    socket.on('error', () => {}); // 'close' follows and does the accounting
    socket.on('close', () => {
      open.delete(conn);
      removeIdle(conn);
      const job = conn.job;
      if (job !== null) {
        conn.job = null;
        settle(job, conn.reader.endsAtClose() ? conn.reader.status : null);
      }
      // Requests waiting for a socket get a new one in place of this.
      while (!stopped && open.size < options.maxSockets && queueHead < queue.length) start(connect(), nextQueued()!);
    });
    return conn;
  };
  const due = (job: Job) => {
    const conn = idle.pop();
    if (conn) start(conn, job);
    else if (open.size < options.maxSockets) start(connect(), job);
    else queue.push(job);
  };

  let started = performance.now();
  let endedMs = started;
  try {
    started = await paceOut(options.ratePerSecond, total, (n, dueMs) => due({ payload: requestText(options.request(n), options.port), dueMs }));
    if (total > 0) await settledPromise;
    endedMs = performance.now();
  } finally {
    stopped = true;
    for (const conn of open) conn.socket.destroy();
  }
  const seconds = (endedMs - started) / 1000;
  const latencies = latenciesMs.subarray(0, completed).sort();
  return { requestsPerSecond: Number((completed / seconds).toFixed(1)), p50Ms: percentile(latencies, 50), p90Ms: percentile(latencies, 90), p99Ms: percentile(latencies, 99), maxMs: percentile(latencies, 100), total: completed, non2xx, non2xxByStatus, errors };
}
