import { EmError } from '@encoder-manager/sdk';
import { DEFAULTS, type DriverSimulatedConfig, type ProfileName } from './config.js';

/** One virtual encoder with every default filled in. */
export interface ResolvedEncoder {
  readonly id: string;
  readonly model: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly pollIntervalMs: number;
  readonly profile: ProfileName;
}

/**
 * Expands `encoders` (a count or a list) into one entry per encoder, and checks what the schema cannot:
 * unique ids, and faults that name an existing encoder.
 */
export function resolveEncoders(config: DriverSimulatedConfig): ResolvedEncoder[] {
  const pollIntervalMs = config.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
  const encoders = config.encoders ?? DEFAULTS.encoders;
  const resolved: ResolvedEncoder[] =
    typeof encoders === 'number'
      ? Array.from({ length: encoders }, (_, i) => ({
          id: `sim-${i + 1}`,
          model: undefined,
          labels: { simulated: 'true' },
          pollIntervalMs,
          profile: DEFAULTS.profile,
        }))
      : encoders.map((encoder) => ({
          id: encoder.id,
          model: encoder.model,
          labels: { simulated: 'true', ...encoder.labels },
          pollIntervalMs: encoder.pollIntervalMs ?? pollIntervalMs,
          profile: encoder.profile ?? DEFAULTS.profile,
        }));

  const seen = new Set<string>();
  for (const [index, encoder] of resolved.entries()) {
    if (seen.has(encoder.id)) {
      throw new EmError('EM_CONFIG_INVALID', `encoders[${index}]: duplicate encoder id "${encoder.id}"`, {
        hint: 'Give every simulated encoder its own id.',
        details: { path: `/encoders/${index}/id`, id: encoder.id },
      });
    }
    seen.add(encoder.id);
  }
  for (const [index, fault] of (config.faults ?? []).entries()) {
    if (!seen.has(fault.encoder)) {
      throw new EmError('EM_CONFIG_INVALID', `faults[${index}]: no simulated encoder "${fault.encoder}"`, {
        hint: `Use one of: ${[...seen].join(', ')}.`,
        details: { path: `/faults/${index}/encoder`, encoder: fault.encoder, encoders: [...seen] },
      });
    }
  }
  return resolved;
}
