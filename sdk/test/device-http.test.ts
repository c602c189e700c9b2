import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createDeviceHttp, DriverError } from '@encoder-manager/sdk';

/** A misbehaving device: each path shows one way a reply can go wrong. */
function startDevice(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    switch (request.url) {
      case '/huge-declared':
        response.writeHead(200, { 'content-length': String(5 * 1024 * 1024) });
        response.write('x'.repeat(1024));
        return; // never finishes: the client must not wait for 5 MiB
      case '/huge-chunked': {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'y'.repeat(64 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 40 && response.write(chunk)) sent += 1;
          if (sent < 40) response.once('drain', pump);
          else response.end();
        };
        return pump();
      }
      case '/truncated':
        response.writeHead(200, { 'content-length': '100' });
        response.write('{"value":');
        return setTimeout(() => response.destroy(), 50);
      case '/slow':
        return setTimeout(() => response.end('late'), 5000);
      case '/auth':
        return response.writeHead(401).end('denied');
      default:
        return response.end('{"value":"1"}');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('createDeviceHttp', () => {
  let server: http.Server;
  let baseUrl: string;
  before(async () => {
    server = await startDevice();
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const failure = (path: string, options: { timeoutMs?: number } = {}) =>
    createDeviceHttp({ baseUrl, timeoutMs: options.timeoutMs ?? 2000 })
      .request({ path })
      .then(
        () => undefined,
        (error: unknown) => error as DriverError,
      );

  it('reads a normal reply', async () => {
    expect((await createDeviceHttp({ baseUrl }).request({ path: '/ok' })).text).to.equal('{"value":"1"}');
  });

  it('refuses a reply whose declared size exceeds the cap without reading it', async () => {
    const error = await failure('/huge-declared');
    expect(error).to.be.instanceOf(DriverError);
    expect(error?.code).to.equal('EM_DRIVER_PROTOCOL');
    expect(error?.message).to.contain('oversized reply');
  });

  it('cuts off a chunked reply that grows past the cap (memory stays bounded)', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const error = await failure('/huge-chunked');
    expect(error?.code).to.equal('EM_DRIVER_PROTOCOL');
    expect(error?.message).to.contain('more than 1048576 bytes');
    expect(process.memoryUsage().arrayBuffers - before).to.be.below(8 * 1024 * 1024);
  });

  it('turns a truncated reply into a typed error', async () => {
    const error = await failure('/truncated');
    expect(error).to.be.instanceOf(DriverError);
    expect(['EM_DRIVER_UNREACHABLE', 'EM_DRIVER_PROTOCOL']).to.include(error?.code);
  });

  it('turns a slow reply into EM_DRIVER_TIMEOUT at the deadline', async () => {
    const started = Date.now();
    const error = await failure('/slow', { timeoutMs: 300 });
    expect(error?.code).to.equal('EM_DRIVER_TIMEOUT');
    expect(Date.now() - started).to.be.below(1500);
  });

  it('turns 401 into EM_DRIVER_AUTH', async () => {
    expect((await failure('/auth'))?.code).to.equal('EM_DRIVER_AUTH');
  });
});
