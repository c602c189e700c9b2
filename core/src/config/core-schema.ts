import { StringEnum, Type, type Static } from '@encoder-manager/sdk';

const PLUGIN_NAME = '^[a-z0-9][a-z0-9-]*$';

/** How the host reacts when a plugin's setup throws or times out. */
export const FAILURE_POLICIES = ['fail', 'disable', 'retry'] as const;

const RetrySchema = Type.Object(
  {
    initialDelayMs: Type.Integer({ minimum: 100, default: 1000 }),
    maxDelayMs: Type.Integer({ minimum: 100, default: 60_000, description: 'Backoff cap.' }),
    maxAttempts: Type.Integer({ minimum: 0, default: 0, description: '0 = keep retrying.' }),
  },
  { additionalProperties: false, default: {} },
);

/** One entry under `plugins:`; the key is the plugin's name. */
export const PluginEntrySchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    package: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'npm package name or a path; by default @encoder-manager/plugin-<name> or encoder-manager-plugin-<name>.',
        examples: ['encoder-manager-plugin-webhook'],
      }),
    ),
    failurePolicy: StringEnum(FAILURE_POLICIES, { default: 'fail' }),
    setupTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
    stopTimeoutMs: Type.Integer({ minimum: 100, default: 5_000 }),
    retry: RetrySchema,
    config: Type.Object({}, { additionalProperties: true, default: {} }),
  },
  { additionalProperties: false },
);

const Matcher = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    op: StringEnum(['=', '!=', '=~', '!~'], { default: '=' }),
    value: Type.String(),
  },
  { additionalProperties: false },
);

const AlertsSchema = Type.Object(
  {
    forMs: Type.Integer({
      minimum: 0,
      default: 15_000,
      description: 'A problem must last this long before its alert fires.',
    }),
    holdDownMs: Type.Integer({
      minimum: 0,
      default: 30_000,
      description: 'A firing alert resolves after this long ok.',
    }),
    flap: Type.Object(
      {
        window: Type.Integer({ minimum: 3, maximum: 100, default: 21 }),
        highPct: Type.Number({ minimum: 0, maximum: 100, default: 50 }),
        lowPct: Type.Number({ minimum: 0, maximum: 100, default: 25 }),
      },
      { additionalProperties: false, default: {} },
    ),
    groupBy: Type.Array(Type.String(), { default: ['site'], examples: [['site', 'uplink']] }),
    groupWaitMs: Type.Integer({ minimum: 0, default: 10_000 }),
    groupMin: Type.Integer({ minimum: 2, default: 2 }),
    inhibitRules: Type.Array(
      Type.Object(
        {
          source: Type.Array(Matcher),
          target: Type.Array(Matcher),
          equal: Type.Array(Type.String(), { default: [] }),
        },
        { additionalProperties: false },
      ),
      { default: [] },
    ),
    silences: Type.Array(
      Type.Object(
        {
          matchers: Type.Array(Matcher, { minItems: 1 }),
          comment: Type.String({ default: '' }),
          schedule: Type.Object(
            {
              cron: Type.String({ examples: ['0 18 * * 2'] }),
              durationMin: Type.Integer({ minimum: 1 }),
              timeZone: Type.String({ examples: ['America/Chicago'] }),
            },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
      {
        default: [],
        description: 'Recurring maintenance windows; ad hoc silences are made through the API.',
      },
    ),
  },
  { additionalProperties: false, default: {} },
);

/** The core part of `encoder-manager.yaml`. Plugin `config` blocks are checked against each plugin's schema. */
export const CoreConfigSchema = Type.Object(
  {
    agent: Type.Object(
      {
        name: Type.String({ minLength: 1, default: 'encoder-manager' }),
        dataDir: Type.String({
          minLength: 1,
          default: './data',
          description: 'Relative to the config file.',
        }),
        stopTimeoutMs: Type.Integer({ minimum: 100, default: 15_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    log: Type.Object(
      {
        level: StringEnum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], {
          default: 'info',
        }),
        pretty: StringEnum(['auto', 'always', 'never'], { default: 'auto' }),
        summaryIntervalSec: Type.Integer({
          minimum: 0,
          default: 30,
          description: '0 = no periodic summary.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    store: Type.Object(
      {
        url: Type.Optional(
          Type.String({
            pattern: '^postgres(ql)?://',
            examples: ['postgres://postgres@127.0.0.1:5432/test'],
          }),
        ),
        schema: Type.Optional(Type.String({ pattern: '^[a-z_][a-z0-9_]*$' })),
        sqliteFile: Type.String({ minLength: 1, default: 'encoder-manager.sqlite' }),
      },
      { additionalProperties: false, default: {} },
    ),
    polling: Type.Object(
      {
        intervalMs: Type.Integer({ minimum: 100, default: 5000 }),
        jitterMs: Type.Integer({ minimum: 0, default: 250 }),
        historySize: Type.Integer({ minimum: 1, maximum: 10_000, default: 120 }),
      },
      { additionalProperties: false, default: {} },
    ),
    alerts: AlertsSchema,
    plugins: Type.Record(Type.String({ pattern: PLUGIN_NAME }), PluginEntrySchema, { default: {} }),
  },
  { additionalProperties: false },
);

export type CoreConfig = Static<typeof CoreConfigSchema>;
export type PluginEntry = Static<typeof PluginEntrySchema>;
