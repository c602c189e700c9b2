import { Type } from '@encoder-manager/sdk';

/** Defaults the schema declares; the notifier falls back to the same values when a field is missing. */
export const DEFAULTS = Object.freeze({ timeoutMs: 15_000 });

/** The `notifier-webhook` config (JSON Schema through the SDK's TypeBox). */
export const configSchema = Type.Object(
  {
    url: Type.Optional(
      Type.String({
        pattern: '^https?://',
        description: 'Endpoint for recipients whose webhook address is not itself an http(s) URL.',
        examples: ['https://hooks.station.org/encoder-manager'],
      }),
    ),
    secret: Type.String({
      minLength: 16,
      secret: true,
      description:
        'Signing key for the webhook-signature header: any string of 16+ characters, or a Standard Webhooks ' +
        '`whsec_<base64>` secret. Use `${WEBHOOK_SECRET}`.',
      examples: ['${WEBHOOK_SECRET}'],
    }),
    timeoutMs: Type.Optional(
      Type.Integer({
        minimum: 100,
        maximum: 60_000,
        default: 15_000,
        description: 'Give up on one POST after this long (→ retry).',
      }),
    ),
    headers: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]+$' }), Type.String(), {
        description: 'Extra request headers, e.g. an API key the receiver expects.',
      }),
    ),
  },
  { additionalProperties: false },
);
