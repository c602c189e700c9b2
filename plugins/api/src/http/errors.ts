import type { Context } from 'koa';
import { EmError, type Logger } from '@encoder-manager/sdk';
import { HttpProblem, PROBLEM, type ProblemBody } from './problem.js';

/** HTTP status for service errors with a stable code; anything else is a 500 without details. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  EM_NOTIFY_NOT_FOUND: 404,
  EM_API_KEY_NOT_FOUND: 404,
  EM_NOTIFY_SETTINGS_INVALID: 422,
  EM_API_KEY_INVALID: 422,
  EM_CONFIG_INVALID: 422,
  EM_DRIVER_UNSUPPORTED: 409,
  EM_DRIVER_UNREACHABLE: 502,
  EM_DRIVER_AUTH: 502,
  EM_DRIVER_PROTOCOL: 502,
  EM_DRIVER_NOT_CONFIRMED: 502,
  EM_DRIVER_TIMEOUT: 504,
  EM_SECRET_KEY_MISSING: 503,
  EM_SECRET_DECRYPT_FAILED: 503,
  EM_SERVICE_MISSING: 503,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  501: 'Not implemented',
  502: 'Encoder or upstream failed',
  503: 'Service unavailable',
  504: 'Upstream timed out',
};

function typeFor(status: number): string {
  if (status === 413) return PROBLEM.tooLarge;
  if (status === 415) return PROBLEM.unsupportedMediaType;
  if (status === 404) return PROBLEM.notFound;
  if (status === 405 || status === 501) return PROBLEM.methodNotAllowed;
  if (status === 409 || status === 422) return PROBLEM.conflict;
  if (status === 503) return PROBLEM.serviceUnavailable;
  if (status === 502 || status === 504) return PROBLEM.upstream;
  return status < 500 ? PROBLEM.badRequest : PROBLEM.internal;
}

/** Turns any thrown error into an `application/problem+json` response; never leaks a stack trace. */
export function problemFrom(error: unknown): { body: ProblemBody; headers: Record<string, string> } {
  if (error instanceof HttpProblem) return { body: error.body, headers: { ...error.headers } };
  if (error instanceof EmError) {
    const status = STATUS_BY_CODE[error.code] ?? 500;
    const detail = status === 500 ? 'internal error; see the agent log' : error.message;
    const hint = status === 500 ? undefined : error.hint;
    return {
      body: {
        type: typeFor(status),
        title: TITLES[status] ?? 'Internal error',
        status,
        detail,
        code: error.code,
        ...(hint ? { hint } : {}),
      },
      headers: {},
    };
  }
  const http = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof http.status === 'number' && http.status >= 400 && http.status < 500 && http.expose === true) {
    const status = http.status;
    return {
      body: {
        type: typeFor(status),
        title: TITLES[status] ?? 'Bad request',
        status,
        detail: String(http.message),
      },
      headers: {},
    };
  }
  return {
    body: {
      type: PROBLEM.internal,
      title: 'Internal error',
      status: 500,
      detail: 'internal error; see the agent log',
    },
    headers: {},
  };
}

/** A 404 problem for a request no route answered (Koa leaves status 404 and no body). */
export function throwIfUnanswered(ctx: Context): void {
  if (ctx.status === 404 && ctx.body === undefined)
    throw new HttpProblem({
      type: PROBLEM.notFound,
      title: 'Not found',
      status: 404,
      detail: `no route ${ctx.method} ${ctx.path}`,
    });
}

/** Answers a request with the problem+json for `error`; server errors (other than 503) are logged. */
export function answerWithProblem(log: Logger): (ctx: Context, error: unknown) => void {
  return (ctx, error) => {
    const { body, headers } = problemFrom(error);
    if (body.status >= 500 && body.status !== 503)
      log.error({ err: error, method: ctx.method, path: ctx.path }, 'API request failed');
    ctx.status = body.status;
    ctx.set(headers);
    ctx.type = 'application/problem+json';
    ctx.body = body;
  };
}
