import { Type, type Static } from '@sinclair/typebox';

const Window = Type.Object(
  {
    points: Type.Integer({ minimum: 1, description: 'Requests allowed per window.' }),
    durationSec: Type.Integer({ minimum: 1, maximum: 86_400, description: 'Window length in seconds.' }),
  },
  { additionalProperties: false },
);

/** One named limit: every window must have room for a request to pass (burst + sustained). */
export const PolicySchema = Type.Array(Window, { minItems: 1, maxItems: 4 });
export type PolicyWindows = Static<typeof PolicySchema>;

/** Limits that apply when the config does not override them (docs/security-and-delivery.md §3.5). */
export const DEFAULT_POLICIES: Readonly<Record<string, PolicyWindows>> = {
  public: [{ points: 30, durationSec: 60 }],
  read: [
    { points: 20, durationSec: 1 },
    { points: 300, durationSec: 60 },
  ],
  operate: [{ points: 30, durationSec: 60 }],
  control: [{ points: 6, durationSec: 60 }],
  admin: [{ points: 10, durationSec: 60 }],
  ticket: [{ points: 12, durationSec: 60 }],
  'notify-test': [{ points: 3, durationSec: 60 }],
};

const RateLimits = Type.Object(
  {
    perIp: Type.Object(
      {
        points: Type.Integer({ minimum: 1, default: 1200 }),
        durationSec: Type.Integer({ minimum: 1, default: 60 }),
      },
      {
        additionalProperties: false,
        default: {},
        description: 'Every request from one address, before routing.',
      },
    ),
    authFailures: Type.Object(
      {
        points: Type.Integer({ minimum: 1, default: 10 }),
        durationSec: Type.Integer({ minimum: 1, default: 60 }),
        blockSec: Type.Integer({ minimum: 1, default: 900 }),
      },
      {
        additionalProperties: false,
        default: {},
        description: 'Failed authentications per address before a block.',
      },
    ),
    policies: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), PolicySchema, {
      default: {},
      description: 'Overrides or adds named policies; routes name the policy they use.',
    }),
    retryJitterSec: Type.Integer({ minimum: 0, maximum: 30, default: 1 }),
  },
  { additionalProperties: false, default: {} },
);

const WebSocketSettings = Type.Object(
  {
    maxPayloadBytes: Type.Integer({ minimum: 1024, maximum: 1_048_576, default: 65_536 }),
    pingIntervalMs: Type.Integer({ minimum: 50, default: 30_000 }),
    maxConnectionsPerKey: Type.Integer({ minimum: 1, default: 10 }),
    maxConnections: Type.Integer({ minimum: 1, default: 1000 }),
    messagesPerMinute: Type.Integer({ minimum: 1, default: 100 }),
    maxBufferedBytes: Type.Integer({ minimum: 1024, default: 1_048_576 }),
    replayBufferSize: Type.Integer({ minimum: 0, maximum: 100_000, default: 1000 }),
    replayMaxAgeSec: Type.Integer({ minimum: 0, default: 120 }),
    ticketTtlSec: Type.Integer({ minimum: 1, maximum: 30, default: 30 }),
    revalidateIntervalMs: Type.Integer({ minimum: 100, default: 5000 }),
  },
  { additionalProperties: false, default: {} },
);

const KeySettings = Type.Object(
  {
    defaultTtlDays: Type.Integer({ minimum: 1, maximum: 366, default: 90 }),
    maxTtlDays: Type.Integer({ minimum: 1, maximum: 366, default: 366 }),
    cacheTtlMs: Type.Integer({ minimum: 0, maximum: 60_000, default: 5000 }),
    lastUsedFlushSec: Type.Integer({ minimum: 1, default: 60 }),
    warnDays: Type.Array(Type.Integer({ minimum: 1, maximum: 60 }), { default: [7, 1], maxItems: 4 }),
    expiryCheckIntervalSec: Type.Integer({ minimum: 1, default: 900 }),
    staleAfterDays: Type.Integer({ minimum: 1, default: 90 }),
    failureDelayMs: Type.Integer({ minimum: 0, maximum: 2000, default: 100 }),
  },
  { additionalProperties: false, default: {} },
);

/** `plugins: api: config:` */
export const ApiConfigSchema = Type.Object(
  {
    listen: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1', examples: ['127.0.0.1', '0.0.0.0'] }),
        port: Type.Integer({ minimum: 0, maximum: 65_535, default: 8080 }),
      },
      { additionalProperties: false, default: {} },
    ),
    origins: Type.Array(
      Type.String({ pattern: '^https?://[^/\\s*]+$', examples: ['https://mcr.example.org'] }),
      {
        default: [],
        description: 'Exact browser origins allowed for CORS and WebSocket upgrades; no wildcards.',
      },
    ),
    trustProxyHops: Type.Integer({
      minimum: 0,
      maximum: 10,
      default: 0,
      description:
        'Reverse proxies in front of the agent that append to X-Forwarded-For; 0 ignores the header.',
    }),
    bodyLimitBytes: Type.Integer({ minimum: 1024, maximum: 1_048_576, default: 65_536 }),
    requestTimeoutMs: Type.Integer({ minimum: 1000, default: 30_000 }),
    rateLimits: RateLimits,
    ws: WebSocketSettings,
    keys: KeySettings,
  },
  { additionalProperties: false },
);

export type ApiConfig = Static<typeof ApiConfigSchema>;
export type WsSettings = ApiConfig['ws'];
export type KeySettings = ApiConfig['keys'];
