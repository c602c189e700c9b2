import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@encoder-manager/sdk';

/** A notify callback from nginx-rtmp (`on_publish`, `on_publish_done`). */
export interface NotifyCall {
  readonly call: 'publish' | 'publish_done';
  /** `app/name`. */
  readonly stream: string;
  readonly clientId?: string;
}

/**
 * The HTTP endpoint nginx-rtmp notifies. It always answers 200 (allowing the publish: this plugin observes,
 * it does not authorise) and parses both notify methods: GET query and POST form body.
 */
export async function startCallbackServer(
  host: string,
  port: number,
  onCall: (call: NotifyCall) => void,
  log: Logger,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const query = new URL(request.url ?? '/', 'http://callback').searchParams;
      const params = new URLSearchParams(body);
      const get = (key: string) => query.get(key) ?? params.get(key) ?? undefined;
      const call = get('call');
      if (call === 'publish' || call === 'publish_done') {
        onCall({ call, stream: `${get('app') ?? ''}/${get('name') ?? ''}`, clientId: get('clientid') });
      } else {
        log.debug({ call }, 'ignored nginx-rtmp notify call');
      }
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
