import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { KeyRecord } from '../keys/record.js';
import type { RouteScope } from '../keys/scopes.js';
import type { ServiceAccess } from './services.js';

/** What a handler gets: validated input, the caller's key and the services. */
export interface RequestContext<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The authenticated key; undefined only on `public` routes. */
  readonly key: KeyRecord | undefined;
  readonly ip: string;
  readonly services: ServiceAccess;
  /** Aborted when the client goes away or the request times out. */
  readonly signal: AbortSignal;
}

/** A response other than `200 <body>`. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

/**
 * One route, declared once: method, path, scope, rate-limit policy, schemas, summary and handler. The
 * router, request validation and the OpenAPI document are all generated from these declarations.
 */
export interface RouteSpec<P extends TObject, Q extends TObject, B extends TSchema> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Koa-style path, `/api/v1/encoders/:id`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly scope: RouteScope;
  /** Name of the rate-limit policy (config `rateLimits.policies`). */
  readonly rateLimit: string;
  /** A path parameter whose value joins the limit's partition (per key *and* per encoder/channel). */
  readonly limitPer?: string;
  /** True for non-GET routes that change nothing (WebSocket tickets); everything else non-GET mutates. */
  readonly readOnly?: boolean;
  /** The plugin whose service the route serves, for 503s and per-plugin timings; `core` by default. */
  readonly plugin?: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: TSchema;
  /** Success status; default 200. */
  readonly status?: number;
  handle(request: RequestContext<Static<P>, Static<Q>, Static<B>>): Promise<unknown>;
}

/** A route with its types erased, as the route table holds it. */
export type AnyRoute = RouteSpec<TObject, TObject, TSchema>;

/** Declares a route with typed handler input. */
export function route<P extends TObject = TObject, Q extends TObject = TObject, B extends TSchema = TSchema>(
  spec: RouteSpec<P, Q, B>,
): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** True when the route changes state (and so needs more than `read`). */
export function isMutating(spec: Pick<AnyRoute, 'method' | 'readOnly'>): boolean {
  return spec.method !== 'GET' && spec.readOnly !== true;
}
