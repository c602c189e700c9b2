import { Type, type Static, type TSchema } from '@encoder-manager/sdk';
import { SECTIONS, type CheckSettings } from './sections.js';

/** Every key optional, all the way down (records and arrays are replaced whole). */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * The same section with no defaults and nothing required. An override must not carry defaults: ajv
 * (useDefaults) would fill them in and silently replace the encoder's base settings.
 */
function withoutDefaults(schema: TSchema): TSchema {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (typeof node !== 'object' || node === null) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'default' || key === 'required') continue;
      // `examples` are sample values, not schemas: keep them as they are.
      copy[key] = key === 'examples' ? value : strip(value);
    }
    return copy;
  };
  return Type.Unsafe(strip(schema) as object);
}

const Match = Type.Object(
  {
    encoders: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description: 'Encoder ids this override applies to.',
        examples: [['chamber-a', 'chamber-b']],
      }),
    ),
    labels: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Labels that must all be equal (driver labels, plus `family`).',
        examples: [{ family: 'epiphan-pearl' }, { site: 'city-hall' }],
      }),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Which encoders the override applies to: by id, by labels, or both (all must match).',
  },
);

const overrideSections = Object.fromEntries(
  Object.entries(SECTIONS).map(([key, section]) => [key, Type.Optional(withoutDefaults(section))]),
);

/** One per-encoder override: a match plus any part of any check's settings. */
export const OverrideSchema = Type.Unsafe<{ match: Static<typeof Match> } & DeepPartial<CheckSettings>>(
  Type.Object(
    { match: Match, ...overrideSections },
    {
      additionalProperties: false,
      description: 'Later overrides win over earlier ones; unnamed settings keep the values above.',
    },
  ),
);

/** `plugins: checks-encoder: config:` */
export const configSchema = Type.Object(
  {
    ...SECTIONS,
    overrides: Type.Array(OverrideSchema, {
      default: [],
      description: 'Per-encoder settings, matched by encoder id or labels, applied in order.',
    }),
  },
  { additionalProperties: false },
);

export type ChecksEncoderConfig = Static<typeof configSchema>;
export type Override = Static<typeof OverrideSchema>;
