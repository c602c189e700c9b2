import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it. */
export interface ReceivedRequest {
  readonly method: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** What the receiver answers next. */
export type ReceiverMode =
  | { readonly kind: 'ok' }
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly body?: string;
    }
  | { readonly kind: 'hang' };

/** A real HTTP endpoint on 127.0.0.1 that records requests and answers as told. */
export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  mode: ReceiverMode;
  close(): Promise<void>;
}

/** Starts the endpoint on an ephemeral port. */
export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const state: { mode: ReceiverMode } = { mode: { kind: 'ok' } };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const mode = state.mode;
    if (mode.kind === 'hang') return;
    requests.push({
      method: req.method ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    if (mode.kind === 'ok') return void res.writeHead(204).end();
    res.writeHead(mode.status, mode.headers).end(mode.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/em`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(mode: ReceiverMode) {
      state.mode = mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
