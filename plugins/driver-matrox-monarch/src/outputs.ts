import { DriverError, type EncoderOutput } from '@encoder-manager/sdk';
import { kindOfMode, monarchState } from './states.js';
import type { MonarchStatus } from './status.js';
import type { MonarchVariant } from './variants.js';
import { VARIANTS } from './variants.js';

/**
 * The outputs of a GetStatus reply: HD/NVS-30 `record` and `stream`, HDX/LCS `enc1` and `enc2` (kind
 * from the encoder's mode). `raw` is the device's words for the channel: `READY`, `RTMP,ON`, `RECORD,ON`.
 */
export function outputsOf(status: MonarchStatus): EncoderOutput[] {
  return status.channels.map((channel) => {
    const hdRecord = status.format === 'hd' && channel.id === 'record';
    return {
      id: channel.id,
      kind: hdRecord ? 'record' : kindOfMode(channel.mode),
      state: monarchState(channel.mode, channel.state),
      raw: hdRecord ? channel.state : `${channel.mode},${channel.state}`,
    };
  });
}

/** The reply layout must match the configured model, or the commands the driver sends would be wrong. */
export function assertVariant(status: MonarchStatus, variant: MonarchVariant, target: string): void {
  const expected = VARIANTS[variant].format;
  if (status.format === expected) return;
  const suggestion = status.format === 'hd' ? 'hd or nvs30' : status.format;
  throw new DriverError(
    'EM_DRIVER_PROTOCOL',
    `${target} answers GetStatus in the ${status.format.toUpperCase()} layout, but variant is ${variant}`,
    { hint: `Set variant: ${suggestion} for this encoder.` },
  );
}
