import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one path of the fake city site does. */
export type Behaviour =
  | {
      readonly kind: 'document';
      readonly body: string | Uint8Array;
      readonly contentType?: string;
      readonly etag?: string;
      readonly lastModified?: string;
    }
  | { readonly kind: 'status'; readonly status: number }
  /** Accepts the request and never answers (a stuck city web server). */
  | { readonly kind: 'hang' };

/** A request as the server saw it. */
export interface SeenRequest {
  readonly path: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
  readonly userAgent?: string;
}

/** A local stand-in for agency web sites: documents, HTTP errors, hangs and conditional GETs. */
export interface CityServer {
  readonly origin: string;
  url(path: string): string;
  set(path: string, behaviour: Behaviour): void;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/** A JSON document with an ETag. */
export function jsonDocument(value: unknown, etag?: string): Behaviour {
  return {
    kind: 'document',
    body: JSON.stringify(value),
    contentType: 'application/json',
    ...(etag ? { etag } : {}),
  };
}

/**
 * Starts the server on 127.0.0.1 (a free port). Conditional GETs follow RFC 9110: a matching
 * If-None-Match, or an If-Modified-Since equal to the document's Last-Modified, gets 304 with no body.
 */
export async function startCityServer(): Promise<CityServer> {
  const routes = new Map<string, Behaviour>();
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(seen(path, req));
    answer(routes.get(path) ?? { kind: 'status', status: 404 }, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    set: (path, behaviour) => routes.set(path, behaviour),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function seen(path: string, req: IncomingMessage): SeenRequest {
  const header = (name: string) =>
    typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined;
  const ifNoneMatch = header('if-none-match');
  const ifModifiedSince = header('if-modified-since');
  const userAgent = header('user-agent');
  return {
    path,
    ...(ifNoneMatch ? { ifNoneMatch } : {}),
    ...(ifModifiedSince ? { ifModifiedSince } : {}),
    ...(userAgent ? { userAgent } : {}),
  };
}

function answer(behaviour: Behaviour, req: IncomingMessage, res: ServerResponse): void {
  if (behaviour.kind === 'hang') return;
  if (behaviour.kind === 'status') {
    res.writeHead(behaviour.status, { 'content-type': 'text/html' }).end(`<h1>${behaviour.status}</h1>`);
    return;
  }
  const validators = {
    ...(behaviour.etag ? { etag: behaviour.etag } : {}),
    ...(behaviour.lastModified ? { 'last-modified': behaviour.lastModified } : {}),
  };
  const etagMatches = behaviour.etag !== undefined && req.headers['if-none-match'] === behaviour.etag;
  const dateMatches =
    behaviour.lastModified !== undefined && req.headers['if-modified-since'] === behaviour.lastModified;
  if (etagMatches || (req.headers['if-none-match'] === undefined && dateMatches)) {
    res.writeHead(304, validators).end();
    return;
  }
  res.writeHead(200, { 'content-type': behaviour.contentType ?? 'application/octet-stream', ...validators });
  res.end(behaviour.body);
}
