import type { Middleware, ParameterizedContext } from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type { ApiState } from './mount.js';
import { HttpProblem, PROBLEM, problem } from './problem.js';

/**
 * 415 for a request body with a `Content-Encoding` (RFC 9110 §15.5.16, answered with
 * `Accept-Encoding: identity`). Bodies are small JSON; decompressing them only adds work a client can
 * trigger, and the body parser's decompressors are left without an error listener once it gives up on a
 * body, so a broken brotli stream's late error was uncaught and took the agent down.
 */
function refuseEncodedBody(ctx: ParameterizedContext<ApiState>): void {
  const coding = ctx.get('Content-Encoding').trim().toLowerCase();
  const { headers } = ctx.req;
  const hasBody = headers['transfer-encoding'] !== undefined || headers['content-length'] !== undefined;
  if (!hasBody || coding === '' || coding === 'identity') return;
  const body = problem(
    415,
    PROBLEM.unsupportedMediaType,
    'Unsupported content encoding',
    'send the request body without Content-Encoding (identity)',
  ).body;
  throw new HttpProblem(body, { 'Accept-Encoding': 'identity' });
}

/** A body that is too large (413) or not JSON (400), as a problem. */
function bodyError(error: Error): never {
  if ((error as { status?: number }).status === 413)
    throw problem(
      413,
      PROBLEM.tooLarge,
      'Payload too large',
      'the request body is larger than bodyLimitBytes',
    );
  throw problem(400, PROBLEM.badRequest, 'Invalid JSON body', error.message.slice(0, 200));
}

/**
 * Reads a route's JSON body (identity coding, UTF-8, up to `limitBytes`) into `ctx.request.body`; anything
 * not JSON is left for the route's media-type check. Routes without a body schema never read one.
 */
export function jsonBodyReader(limitBytes: number): (ctx: ParameterizedContext<ApiState>) => Promise<void> {
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: limitBytes,
    encoding: 'utf-8',
    onError: bodyError,
  }) as Middleware<ApiState>;
  const done = async () => {};
  return async (ctx) => {
    refuseEncodedBody(ctx);
    await parse(ctx, done);
  };
}

/**
 * 405 with `Allow` for a path the API serves and a method it does not serve there — whether or not the
 * method is one the router knows (TRACE, PROPFIND: @koa/router would throw a 501, a server error, and its
 * 405 carries no `Allow`). A plain OPTIONS gets 204 with `Allow`.
 */
export function allowedMethods(): Middleware<ApiState> {
  return async (ctx, next) => {
    await next();
    const matched = (ctx as { matched?: readonly { methods: readonly string[] }[] }).matched ?? [];
    const allow = [...new Set(matched.flatMap((layer) => layer.methods))].join(', ');
    if (!allow || ctx.status !== 404 || ctx.body !== undefined) return;
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      ctx.set('Allow', allow);
      return;
    }
    const detail = `${ctx.method} is not served here; use ${allow}`;
    throw new HttpProblem(problem(405, PROBLEM.methodNotAllowed, 'Method not allowed', detail).body, {
      Allow: allow,
    });
  };
}
