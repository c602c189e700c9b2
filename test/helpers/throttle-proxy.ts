import { createConnection, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of the ingest whose upstream throughput can be squeezed (a congested uplink). */
export interface ThrottleProxy {
  /** `rtmp://127.0.0.1:<proxy>/<stream>` forwarding to the ingest's RTMP port. */
  urlFor(targetPort: number, stream: string): string;
  /** Bytes per second towards the ingest from now on; undefined = unthrottled. */
  throttle(bytesPerSec: number | undefined): void;
  stop(): Promise<void>;
}

/** Starts the proxy on a free loopback port; the target port is fixed by the first `urlFor`. */
export async function startThrottleProxy(): Promise<ThrottleProxy> {
  let rate: number | undefined;
  let target = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => void 0);
      socket.on('close', () => sockets.delete(socket));
    }
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (rate === undefined) return;
      client.pause();
      setTimeout(() => client.resume(), (chunk.length / rate) * 1000);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    urlFor(targetPort, stream) {
      target = targetPort;
      return `rtmp://127.0.0.1:${port}/${stream}`;
    },
    throttle: (bytesPerSec) => void (rate = bytesPerSec),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
