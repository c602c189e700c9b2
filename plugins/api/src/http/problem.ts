/** Problem type URIs (RFC 9457). URNs: stable names that do not pretend to be web pages. */
export const PROBLEM = {
  badRequest: 'urn:encoder-manager:problem:validation',
  unauthorized: 'urn:encoder-manager:problem:unauthorized',
  forbidden: 'urn:encoder-manager:problem:forbidden',
  notFound: 'urn:encoder-manager:problem:not-found',
  methodNotAllowed: 'urn:encoder-manager:problem:method-not-allowed',
  conflict: 'urn:encoder-manager:problem:conflict',
  unsupportedMediaType: 'urn:encoder-manager:problem:unsupported-media-type',
  tooLarge: 'urn:encoder-manager:problem:payload-too-large',
  upgradeRequired: 'urn:encoder-manager:problem:upgrade-required',
  /** The RateLimit draft's problem types. */
  quotaExceeded: 'https://iana.org/assignments/http-problem-types#quota-exceeded',
  abnormalUsage: 'https://iana.org/assignments/http-problem-types#abnormal-usage-detected',
  serviceUnavailable: 'urn:encoder-manager:problem:service-unavailable',
  upstream: 'urn:encoder-manager:problem:upstream-failed',
  internal: 'urn:encoder-manager:problem:internal',
} as const;

/** One invalid field: a JSON Pointer into the request (`/body/scope`, `/query/limit`) and what is wrong. */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
}

/** An `application/problem+json` body. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** Thrown by middleware and handlers; the error middleware turns it into the response. */
export class HttpProblem extends Error {
  constructor(
    readonly body: ProblemBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.detail ?? body.title);
    this.name = 'HttpProblem';
  }
}

/** A problem with the usual fields. */
export function problem(
  status: number,
  type: string,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
): HttpProblem {
  return new HttpProblem({ type, title, status, ...(detail ? { detail } : {}), ...extra });
}

/** The one 401 every authentication failure gets: same body and headers whatever the cause. */
export const UNAUTHORIZED_BODY: ProblemBody = Object.freeze({
  type: PROBLEM.unauthorized,
  title: 'Unauthorized',
  status: 401,
  detail: 'A valid API key is required: send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
});

export const UNAUTHORIZED_HEADERS = Object.freeze({ 'WWW-Authenticate': 'Bearer realm="encoder-manager"' });

/** 400 naming each invalid field. */
export function validationProblem(errors: readonly FieldError[]): HttpProblem {
  return problem(
    400,
    PROBLEM.badRequest,
    'Invalid request',
    errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '),
    {
      errors,
    },
  );
}

/** 503 for a route whose service comes from a plugin that is not enabled. */
export function pluginMissing(plugin: string): HttpProblem {
  return problem(
    503,
    PROBLEM.serviceUnavailable,
    'Service not available',
    `this route needs the ${plugin} plugin, which is not enabled; enable it under plugins: ${plugin}: in the agent config`,
    { plugin },
  );
}

export function notFound(what: string): HttpProblem {
  return problem(404, PROBLEM.notFound, 'Not found', what);
}
