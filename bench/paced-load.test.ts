import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pacedLoad, type PacedRequest } from './paced-load';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function listen(server: net.Server): Promise<number> {
  closers.push(() => {
    if (server instanceof http.Server) server.closeAllConnections();
    server.close();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

/** Reads a request's body and calls back with the request number the body carries. */
function httpServer(answer: (n: number, res: http.ServerResponse, req: http.IncomingMessage, body: string) => void): http.Server {
  return http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (part: string) => (body += part));
    req.on('end', () => answer((JSON.parse(body) as { n: number }).n, res, req, body));
  });
}

const numbered = (n: number): PacedRequest => ({ path: '/load', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });

describe('pacedLoad', () => {
  it('sends every request with its path, headers and body, and reads Content-Length and chunked responses', async () => {
    const seen: Array<{ n: number; body: string; headers: http.IncomingHttpHeaders; url: string | undefined }> = [];
    const server = httpServer((n, res, req, body) => {
      seen.push({ n, body, headers: req.headers, url: req.url });
      res.setHeader('content-type', 'application/json');
      if (n % 2 === 0) {
        res.end(JSON.stringify({ ok: true, n })); // Content-Length
      } else {
        res.write('{"ok":true,'); // several writes: chunked
        res.write(`"n":${n}}`);
        res.end();
      }
    });
    const port = await listen(server);
    const result = await pacedLoad({
      port,
      ratePerSecond: 200,
      seconds: 1,
      maxSockets: 16,
      request: (n) => ({ path: `/api/v1/applications?n=${n}`, headers: { 'Content-Type': 'application/json', 'x-run': 'r1', 'idempotency-key': `k-${n}` }, body: JSON.stringify({ n, memo: '借款' }) }),
    });
    expect(result).toMatchObject({ total: 200, non2xx: 0, errors: 0 });
    expect(seen.map((s) => s.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    for (const s of seen) {
      expect(s.url).toBe(`/api/v1/applications?n=${s.n}`);
      expect(s.body).toBe(JSON.stringify({ n: s.n, memo: '借款' }));
      expect(s.headers).toMatchObject({ host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'x-run': 'r1', 'idempotency-key': `k-${s.n}`, connection: 'keep-alive', 'content-length': String(Buffer.byteLength(s.body)) });
    }
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.maxMs).toBeGreaterThanOrEqual(result.p99Ms);
  });

  it('counts non-2xx answers, by status code', async () => {
    const port = await listen(httpServer((n, res) => res.writeHead(n % 5 === 0 ? (n % 10 === 0 ? 500 : 409) : 200).end('{}')));
    const result = await pacedLoad({ port, ratePerSecond: 100, seconds: 0.3, maxSockets: 8, request: numbered });
    expect(result).toMatchObject({ total: 30, non2xx: 6, errors: 0 });
    expect(result.non2xxByStatus).toEqual({ 409: 3, 500: 3 });
  });

  it('queues requests while all sockets are busy, and counts the wait from each due time', async () => {
    let connections = 0;
    const server = httpServer((_n, res) => setTimeout(() => res.end('{}'), 30));
    server.on('connection', () => (connections += 1));
    const port = await listen(server);
    // Two sockets answering in 30 ms serve ~67/s: at 100/s the queue grows for the whole run.
    const result = await pacedLoad({ port, ratePerSecond: 100, seconds: 0.5, maxSockets: 2, request: numbered });
    expect(result).toMatchObject({ total: 50, non2xx: 0, errors: 0 });
    expect(connections).toBe(2);
    expect(result.maxMs).toBeGreaterThan(150);
  });

  it('fails the request on a socket destroyed mid-response, and sends the queued ones on a new socket', async () => {
    const arrived: number[] = [];
    const port = await listen(
      httpServer((n, res) => {
        arrived.push(n);
        if (n % 4 !== 1) return void res.end('{}');
        res.writeHead(200, { 'content-length': 1000 });
        res.write('partial');
        setTimeout(() => res.socket?.destroy(), 5);
      }),
    );
    const result = await pacedLoad({ port, ratePerSecond: 100, seconds: 0.3, maxSockets: 1, request: numbered });
    expect(result).toMatchObject({ total: 22, non2xx: 0, errors: 8 });
    expect(arrived.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('opens a new socket after the server closes an idle keep-alive one', async () => {
    const server = httpServer((_n, res) => res.end('{}'));
    server.keepAliveTimeout = 20; // closes each socket between requests 100 ms apart
    const port = await listen(server);
    const result = await pacedLoad({ port, ratePerSecond: 10, seconds: 0.5, maxSockets: 4, request: numbered });
    expect(result).toMatchObject({ total: 5, non2xx: 0, errors: 0 });
  });

  it('parses raw responses split byte by byte: chunk extensions, trailers, interim 100, Connection: close', async () => {
    const responses = [
      'HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world',
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n5;name="v"\r\nhello\r\n6 ; x\r\n world\r\n0\r\nX-Sum: 11\r\n\r\n',
      'HTTP/1.1 202 Accepted\r\nCONNECTION: close\r\ncontent-length: 2\r\n\r\nok',
    ];
    let connections = 0;
    const arrived: number[] = [];
    const server = net.createServer((socket) => {
      connections += 1;
      socket.setNoDelay(true);
      let buffered = '';
      socket.on('data', async (part: Buffer) => {
        buffered += part.toString('latin1');
        for (;;) {
          const headEnd = buffered.indexOf('\r\n\r\n');
          if (headEnd < 0) return;
          const length = Number(/\r\ncontent-length: (\d+)/i.exec(buffered.slice(0, headEnd))![1]);
          if (buffered.length < headEnd + 4 + length) return;
          const n = (JSON.parse(buffered.slice(headEnd + 4, headEnd + 4 + length)) as { n: number }).n;
          buffered = buffered.slice(headEnd + 4 + length);
          arrived.push(n);
          const response = responses[n % 3]!;
          if (n % 2 === 0) {
            // One byte per write, the event loop turning between them, so each is its own 'data'.
            for (const byte of response) {
              socket.write(byte);
              await new Promise((resolve) => setImmediate(resolve));
            }
          } else {
            socket.write(response); // interim and final response in one piece
          }
          if (n % 3 === 2) socket.end();
        }
      });
      socket.on('error', () => {});
    });
    const port = await listen(server);
    const result = await pacedLoad({ port, ratePerSecond: 60, seconds: 0.4, maxSockets: 2, request: numbered });
    expect(result).toMatchObject({ total: 24, non2xx: 0, errors: 0 });
    expect(arrived.sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    // Each Connection: close answer (8 of them) retires its socket.
    expect(connections).toBeGreaterThanOrEqual(8);
  });
});
