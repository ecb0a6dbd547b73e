// A response head or a chunk-size/trailer line longer than this is not a server we can measure.
const MAX_HEAD_BYTES = 64 * 1024;

const HEAD = 0;
const LENGTH = 1;
const CHUNK_SIZE = 2;
const CHUNK_DATA = 3;
const CHUNK_END = 4;
const TRAILERS = 5;
const UNTIL_CLOSE = 6;
const COMPLETE = 7;

/**
 * Reads one HTTP/1.1 response at a time off a keep-alive connection, counting body bytes
 * without keeping them (the load generator only needs the status and where the response
 * ends). Throws on bytes that are not HTTP, after which the connection cannot be trusted.
 */
export class ResponseReader {
  status = 0;
  keepAlive = true;
  private state = HEAD;
  private remaining = 0;
  private partialHead: Buffer | null = null;
  private partialLine = '';
  private line = '';

  begin(): void {
    this.state = HEAD;
    this.partialHead = null;
    this.partialLine = '';
  }

  /** Whether the connection closing now ends the response (a body framed by the close). */
  endsAtClose(): boolean {
    return this.state === UNTIL_CLOSE;
  }

  /** Consumes bytes from chunk[at..]: the offset just past the response's end, or -1 when it needs more. */
  read(chunk: Buffer, at: number): number {
    for (;;) {
      if (this.state === HEAD) {
        const next = this.readHead(chunk, at);
        if (next < 0) return -1;
        at = next; // still HEAD after an interim (1xx) response
        continue;
      }
      if (this.state === COMPLETE) {
        this.state = HEAD;
        return at; // a response without a body
      }
      if (at >= chunk.length) return -1;
      switch (this.state) {
        case LENGTH:
        case CHUNK_DATA: {
          const taken = Math.min(this.remaining, chunk.length - at);
          this.remaining -= taken;
          at += taken;
          if (this.remaining > 0) return -1;
          if (this.state === LENGTH) {
            this.state = HEAD;
            return at;
          }
          this.state = CHUNK_END;
          break;
        }
        case CHUNK_SIZE: {
          at = this.readLine(chunk, at);
          if (at < 0) return -1;
          // chunk-size [; ext]: the extensions mean nothing to a load generator.
          const semicolon = this.line.indexOf(';');
          const hex = (semicolon < 0 ? this.line : this.line.slice(0, semicolon)).trim();
          if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new Error(`bad chunk size line: ${this.line}`);
          this.remaining = parseInt(hex, 16);
          this.state = this.remaining === 0 ? TRAILERS : CHUNK_DATA;
          break;
        }
        case CHUNK_END: {
          at = this.readLine(chunk, at);
          if (at < 0) return -1;
          if (this.line !== '') throw new Error('chunk data longer than its size');
          this.state = CHUNK_SIZE;
          break;
        }
        case TRAILERS: {
          at = this.readLine(chunk, at);
          if (at < 0) return -1;
          if (this.line === '') {
            this.state = HEAD;
            return at;
          }
          break; // a trailer field: ignored
        }
        case UNTIL_CLOSE:
          return -1;
      }
    }
  }

  /** Reads the status line and headers; -1 until the blank line after them has arrived. */
  private readHead(chunk: Buffer, at: number): number {
    const prior = this.partialHead?.length ?? 0;
    const bytes = this.partialHead === null ? chunk : Buffer.concat([this.partialHead, chunk.subarray(at)]);
    const from = this.partialHead === null ? at : 0;
    // The blank line may straddle the old bytes and the new ones, but no earlier.
    const end = bytes.indexOf('\r\n\r\n', Math.max(from, prior - 3), 'latin1');
    if (end < 0) {
      if (bytes.length - from > MAX_HEAD_BYTES) throw new Error('response head too long');
      this.partialHead = bytes.subarray(from);
      return -1;
    }
    this.partialHead = null;
    this.parseHead(bytes.toString('latin1', from, end));
    return at + (end + 4 - from - prior);
  }

  private parseHead(head: string): void {
    const lines = head.split('\r\n');
    const statusLine = lines[0]!;
    if (!statusLine.startsWith('HTTP/1.') || statusLine[8] !== ' ') throw new Error(`not an HTTP/1 status line: ${statusLine}`);
    const status = Number(statusLine.slice(9, 12));
    if (!Number.isInteger(status) || status < 100) throw new Error(`bad status: ${statusLine}`);
    // HTTP/1.0 closes after each response unless it says otherwise.
    let keepAlive = statusLine[7] !== '0';
    let length = -1;
    let transferEncoding: string | null = null;
    for (let i = 1; i < lines.length; i += 1) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      // Only three header names matter; compare lowercased names only when the length fits.
      if (colon === 14 && line.slice(0, 14).toLowerCase() === 'content-length') {
        const value = line.slice(15).trim();
        if (!/^\d{1,15}$/.test(value) || (length >= 0 && Number(value) !== length)) throw new Error(`bad content-length: ${value}`);
        length = Number(value);
      } else if (colon === 17 && line.slice(0, 17).toLowerCase() === 'transfer-encoding') {
        transferEncoding = transferEncoding === null ? line.slice(18) : `${transferEncoding},${line.slice(18)}`;
      } else if (colon === 10 && line.slice(0, 10).toLowerCase() === 'connection') {
        const tokens = line.slice(11).toLowerCase().split(',').map((t) => t.trim());
        if (tokens.includes('close')) keepAlive = false;
        else if (tokens.includes('keep-alive')) keepAlive = true;
      }
    }
    if (status < 200 && status !== 101) return; // interim (100 Continue, 103 Early Hints): the real response follows
    this.status = status;
    this.keepAlive = keepAlive;
    if (status === 101) {
      this.keepAlive = false; // the connection is no longer HTTP
      this.state = COMPLETE;
    } else if (status === 204 || status === 304) {
      this.state = COMPLETE;
    } else if (transferEncoding !== null) {
      // RFC 9112 6.3: chunked must be the final coding; otherwise the body runs to the close.
      const codings = transferEncoding.split(',');
      if (codings[codings.length - 1]!.trim().toLowerCase() === 'chunked') {
        this.state = CHUNK_SIZE;
      } else {
        this.state = UNTIL_CLOSE;
        this.keepAlive = false;
      }
    } else if (length > 0) {
      this.state = LENGTH;
      this.remaining = length;
    } else if (length === 0) {
      this.state = COMPLETE;
    } else {
      this.state = UNTIL_CLOSE;
      this.keepAlive = false;
    }
  }

  /** Reads up to a line feed into this.line (without CRLF); -1 while the line is incomplete. */
  private readLine(chunk: Buffer, at: number): number {
    const feed = chunk.indexOf(10, at);
    if (feed < 0) {
      this.partialLine += chunk.toString('latin1', at);
      if (this.partialLine.length > MAX_HEAD_BYTES) throw new Error('line too long');
      return -1;
    }
    let line = this.partialLine + chunk.toString('latin1', at, feed);
    this.partialLine = '';
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.line = line;
    return feed + 1;
  }
}
