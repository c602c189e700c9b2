import { StringEnum, Type, type Static } from '@encoder-manager/sdk';

/** How the connection to the relay is protected. */
export const SECURITY_MODES = ['starttls', 'tls', 'opportunistic', 'none'] as const;
export type SecurityMode = (typeof SECURITY_MODES)[number];

/** SASL mechanisms nodemailer offers for password auth. */
export const AUTH_METHODS = ['PLAIN', 'LOGIN', 'CRAM-MD5'] as const;

/** The defaults the schema declares; the notifier falls back to the same values when a field is missing. */
export const DEFAULTS = {
  port: 587,
  security: 'starttls' as SecurityMode,
  rejectUnauthorized: true,
  maxConnections: 5,
  maxMessages: 100,
  connectionTimeoutMs: 10_000,
  greetingTimeoutMs: 10_000,
  socketTimeoutMs: 30_000,
} as const;

const Tls = Type.Object(
  {
    rejectUnauthorized: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'Verify the relay certificate. Turn off only for a lab relay; prefer `ca` instead.',
      }),
    ),
    ca: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'PEM certificate(s) to trust in addition to the system CAs (a private or self-signed relay).',
        examples: ['${SMTP_CA_PEM}'],
      }),
    ),
    servername: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Host name to check the certificate against when `host` is an IP address.',
        examples: ['smtp.example.org'],
      }),
    ),
  },
  { additionalProperties: false, description: 'TLS settings for `tls`, `starttls` and `opportunistic`.' },
);

const Auth = Type.Object(
  {
    user: Type.String({
      minLength: 1,
      description: 'Login name on the relay.',
      examples: ['alerts@station.org'],
    }),
    password: Type.String({
      minLength: 1,
      secret: true,
      description: 'Password or app password. Use `${SMTP_PASSWORD}`; it is redacted in logs and the API.',
      examples: ['${SMTP_PASSWORD}'],
    }),
    method: Type.Optional(
      StringEnum(AUTH_METHODS, { description: 'SASL mechanism; default: the best one the relay offers.' }),
    ),
  },
  { additionalProperties: false, description: 'SMTP AUTH credentials; omit for an open internal relay.' },
);

/** The `notifier-email` config. */
export const configSchema = Type.Object(
  {
    host: Type.String({
      minLength: 1,
      description: 'SMTP relay host name or IP.',
      examples: ['smtp.example.org'],
    }),
    port: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 65535,
        default: 587,
        description: '587 submission, 465 TLS, 25 relay.',
      }),
    ),
    security: Type.Optional(
      StringEnum(SECURITY_MODES, {
        default: 'starttls',
        description:
          'starttls: require STARTTLS (port 587); tls: TLS from the first byte (port 465); ' +
          'opportunistic: STARTTLS when offered; none: plain text (a relay on the same host only).',
      }),
    ),
    tls: Type.Optional(Tls),
    auth: Type.Optional(Auth),
    from: Type.String({
      minLength: 3,
      description: 'Sender, as an address or "Name <address>".',
      examples: ['Encoder Manager <alerts@station.org>'],
    }),
    replyTo: Type.Optional(
      Type.String({ minLength: 3, description: 'Where replies go, e.g. the control room.' }),
    ),
    messageIdDomain: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9.-]+$',
        description: 'Right-hand side of the Message-ID. Default: the domain of `from`.',
        examples: ['station.org'],
      }),
    ),
    subjectPrefix: Type.Optional(Type.String({ description: 'Put before every subject, e.g. "[EM]".' })),
    pool: Type.Optional(
      Type.Object(
        {
          maxConnections: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 5 })),
          maxMessages: Type.Optional(Type.Integer({ minimum: 1, default: 100 })),
        },
        { additionalProperties: false, description: 'Connection pool: reused connections to the relay.' },
      ),
    ),
    timeouts: Type.Optional(
      Type.Object(
        {
          connectionMs: Type.Optional(Type.Integer({ minimum: 100, default: 10_000 })),
          greetingMs: Type.Optional(Type.Integer({ minimum: 100, default: 10_000 })),
          socketMs: Type.Optional(Type.Integer({ minimum: 100, default: 30_000 })),
        },
        {
          additionalProperties: false,
          description: 'How long to wait for the relay before calling it a retry.',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The validated config. */
export type EmailConfig = Static<typeof configSchema>;
