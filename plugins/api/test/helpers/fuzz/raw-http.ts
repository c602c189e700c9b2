import { connect } from 'node:net';

/** One request as bytes on the wire, so headers and framing can be anything a client might send. */
export interface RawRequest {
  readonly method: string;
  /** Path and query exactly as sent on the request line (not re-encoded). */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Buffer;
  /** How the body is framed: an exact Content-Length, chunked, or none at all. */
  readonly framing: 'length' | 'chunked' | 'none';
}

/** What came back: the status of the first response line, or undefined when the server closed silently. */
export interface RawResponse {
  readonly status: number | undefined;
  readonly head: string;
  readonly body: string;
}

/** The request's bytes: request line, headers, blank line, framed body. */
export function serialize(request: RawRequest): Buffer {
  const body = request.body ?? Buffer.alloc(0);
  const lines = [`${request.method} ${request.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  // CR/LF would end the head early and leave the server waiting for a body that never comes.
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`.replace(/[\r\n]/g, ' '));
  if (request.framing === 'length') lines.push(`Content-Length: ${body.length}`);
  if (request.framing === 'chunked') lines.push('Transfer-Encoding: chunked');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  if (request.framing === 'none') return head;
  if (request.framing === 'length') return Buffer.concat([head, body]);
  const chunk =
    body.length > 0 ? [Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n')] : [];
  return Buffer.concat([head, ...chunk, Buffer.from('0\r\n\r\n')]);
}

/**
 * Sends bytes on a fresh connection to 127.0.0.1 and reads until the server closes it (`Connection: close`)
 * or `timeoutMs` passes, which rejects: a request the agent never answers is a failure.
 */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // An accepted WebSocket upgrade stays open: its status line is the whole answer.
      if (Buffer.concat(chunks).toString('latin1').startsWith('HTTP/1.1 101 ')) socket.destroy();
    });
    // A reset after the server answered (it may close before reading a body it refused) is not a failure.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      // Interim answers (`100 Continue` to `Expect: 100-continue`) precede the final one.
      const text = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^(HTTP\/1\.1 1\d\d [^\r]*\r\n\r\n)+(?=HTTP)/, '');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      resolve({
        status: status ? Number(status) : undefined,
        head,
        body: split < 0 ? '' : text.slice(split + 4),
      });
    });
    // No half-close: Node's server aborts a request whose client sent FIN before the answer.
    socket.write(bytes);
  });
}
