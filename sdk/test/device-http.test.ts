import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { errors as undiciErrors } from 'undici';
import {
  classifyNetworkError,
  createDeviceHttp,
  DriverError,
  type DeviceAuth,
  type DeviceHttp,
} from '@encoder-manager/sdk';

/** Session state of the test device: the cookie it currently accepts and how often it was issued. */
const session = { current: 0, logins: 0 };

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
      case '/pause':
        return setTimeout(() => response.end('done'), 300);
      case '/slow':
        return setTimeout(() => response.end('late'), 5000);
      case '/auth':
        return response.writeHead(401).end('denied');
      case '/stalled-body':
        response.writeHead(200, { 'content-length': '100' });
        return response.write('{"partial":');
      case '/reset':
        return request.socket.destroy();
      case '/redirect':
        return response.writeHead(302, { location: '/ok' }).end();
      case '/cookies':
        return response
          .writeHead(200, {
            'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
            'content-type': 'application/json',
          })
          .end('{}');
      case '/echo':
        return echo(request, response);
      case '/login':
        session.current += 1;
        session.logins += 1;
        return response.writeHead(200, { 'set-cookie': `s=${session.current}; Path=/` }).end('{}');
      case '/private':
        if (request.headers.cookie !== `s=${session.current}`) return response.writeHead(404).end();
        return response.end('secret');
      default:
        return response.end('{"value":"1"}');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Answers with what arrived, so a test can see method, headers and body on the wire. */
function echo(request: http.IncomingMessage, response: http.ServerResponse): void {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const { authorization, 'content-type': contentType } = request.headers;
    response.end(
      JSON.stringify({ method: request.method, url: request.url, authorization, contentType, body }),
    );
  });
}

/** Cookie login as AJA's HELO does it: POST /login, `Set-Cookie` back; a 404 means the session ran out. */
const cookieSession: DeviceAuth = {
  type: 'session',
  async login(http: DeviceHttp, signal?: AbortSignal) {
    const reply = await http.raw({ method: 'POST', path: '/login', body: 'pw=x', signal });
    return { cookie: reply.headers.getSetCookie()[0]!.split(';')[0]! };
  },
  isExpired: (reply) => reply.status === 404,
};

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

  const failure = (path: string, options: { timeoutMs?: number; base?: string; signal?: AbortSignal } = {}) =>
    createDeviceHttp({ baseUrl: options.base ?? baseUrl, timeoutMs: options.timeoutMs ?? 2000 })
      .request({ path, signal: options.signal })
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

  it('turns a body that stops mid-way into EM_DRIVER_TIMEOUT at the deadline', async () => {
    const started = Date.now();
    const error = await failure('/stalled-body', { timeoutMs: 300 });
    expect(error?.code).to.equal('EM_DRIVER_TIMEOUT');
    expect(Date.now() - started).to.be.below(1500);
  });

  it("ends a request when the caller's signal aborts, as EM_DRIVER_TIMEOUT", async () => {
    const started = Date.now();
    const error = await failure('/slow', { timeoutMs: 4000, signal: AbortSignal.timeout(200) });
    expect(error?.code).to.equal('EM_DRIVER_TIMEOUT');
    expect(Date.now() - started).to.be.below(1500);
  });

  it('maps a refused connection, a reset and an unknown host to EM_DRIVER_UNREACHABLE', async () => {
    const closed = await startDevice();
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure('/ok', { base: `http://127.0.0.1:${closedPort}` });
    expect(refused?.code).to.equal('EM_DRIVER_UNREACHABLE');
    expect(refused?.message).to.contain('ECONNREFUSED');
    expect((await failure('/reset'))?.code).to.equal('EM_DRIVER_UNREACHABLE');
    const unknown = await failure('/ok', { base: 'http://no-such-encoder.invalid' });
    expect(unknown?.code).to.equal('EM_DRIVER_UNREACHABLE');
    expect(unknown?.message).to.match(/ENOTFOUND|EAI_AGAIN/);
  });

  it("classifies undici's own timeouts (connect, headers, body) as EM_DRIVER_TIMEOUT", () => {
    for (const error of [
      new undiciErrors.ConnectTimeoutError(),
      new undiciErrors.HeadersTimeoutError(),
      new TypeError('fetch failed', { cause: new undiciErrors.BodyTimeoutError() }),
    ]) {
      expect(classifyNetworkError(error, 'device').code).to.equal('EM_DRIVER_TIMEOUT');
    }
  });

  it('returns a redirect as it is instead of following it', async () => {
    const reply = await createDeviceHttp({ baseUrl }).request({ path: '/redirect' });
    expect(reply.status).to.equal(302);
    expect(reply.headers.get('location')).to.equal('/ok');
  });

  it('exposes reply headers as Headers, each Set-Cookie separately', async () => {
    const reply = await createDeviceHttp({ baseUrl }).request({ path: '/cookies' });
    expect(reply.headers.getSetCookie()).to.deep.equal(['a=1; Path=/', 'b=2; Path=/']);
    expect(reply.headers.get('content-type')).to.equal('application/json');
  });

  it('sends method, body, content type and Basic credentials', async () => {
    const http = createDeviceHttp({ baseUrl, auth: { type: 'basic', username: 'admin', password: 'pw' } });
    const reply = await http.request({
      method: 'PUT',
      path: '/echo',
      body: 'a=1',
      contentType: 'text/plain',
    });
    expect(JSON.parse(reply.text)).to.deep.equal({
      method: 'PUT',
      url: '/echo',
      authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}`,
      contentType: 'text/plain',
      body: 'a=1',
    });
  });

  it('logs in once, and again when the device says the session ran out', async () => {
    const http = createDeviceHttp({ baseUrl, auth: cookieSession });
    const before = session.logins;
    expect((await http.request({ path: '/private' })).text).to.equal('secret');
    expect((await http.request({ path: '/private' })).text).to.equal('secret');
    expect(session.logins - before).to.equal(1);
    session.current += 1; // the device forgets the session
    expect((await http.request({ path: '/private' })).text).to.equal('secret');
    expect(session.logins - before).to.equal(2);
  });

  it('sends concurrent requests to one device on parallel connections, six at most', async () => {
    const sockets = new Set<unknown>();
    const seen = (request: http.IncomingMessage) => sockets.add(request.socket);
    server.on('request', seen);
    try {
      const http = createDeviceHttp({ baseUrl });
      const started = Date.now();
      const replies = await Promise.all(Array.from({ length: 8 }, () => http.request({ path: '/pause' })));
      expect(replies.map((reply) => reply.text)).to.deep.equal(Array<string>(8).fill('done'));
      // Six at once, then the other two: two rounds of 300 ms, not eight.
      expect(Date.now() - started).to.be.below(1500);
    } finally {
      server.off('request', seen);
    }
    expect(sockets.size).to.be.within(2, 6);
  });

  it('keeps the connection alive between polls of the same device', async () => {
    let connections = 0;
    const counted = () => (connections += 1);
    server.on('connection', counted);
    try {
      const http = createDeviceHttp({ baseUrl });
      // Spaced like polls: a request sent in the same tick the last reply ended may find the socket
      // not yet released and open a second one (fetch did the same).
      for (let i = 0; i < 5; i += 1) {
        await http.request({ path: '/ok' });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      server.off('connection', counted);
    }
    expect(connections).to.be.at.most(1);
  });
});
