import { Type } from '@encoder-manager/sdk';

// Field builders shared by the check sections, so every threshold carries a default, a description and an example.

/** `enabled`, on by default. */
export const enabled = () =>
  Type.Boolean({
    default: true,
    description: 'false turns this check off (for all or, in an override, some encoders).',
  });

/** A duration in seconds with its default. */
export const seconds = (fallback: number, description: string, minimum = 1) =>
  Type.Number({ minimum, default: fallback, description, examples: [fallback] });

/** A number above zero with its default. */
export const positive = (fallback: number, description: string) =>
  Type.Number({ exclusiveMinimum: 0, default: fallback, description, examples: [fallback] });

/** A percentage 0–100 with its default. */
export const percent = (fallback: number, description: string) =>
  Type.Number({ minimum: 0, maximum: 100, default: fallback, description, examples: [fallback] });
