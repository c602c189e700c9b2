import type { MonarchVariant } from '../variants.js';

/** A simulated channel: the encoder mode and its state word. */
export interface SimChannel {
  mode: string;
  state: string;
}

/** The channels of each model, in GetStatus order. */
export const CHANNEL_IDS: Readonly<Record<MonarchVariant, readonly string[]>> = {
  hd: ['record', 'stream'],
  nvs30: ['record', 'stream'],
  hdx: ['enc1', 'enc2'],
  lcs: ['enc1', 'enc2'],
};

/**
 * GetStatus exactly as encoders.md §3.3 quotes each model, spacing included:
 * HD `RECORD: READY, STREAM:RTMP,READY, NAME:X`, NVS-30 without spaces, HDX `ENC1:…, ENC2:…, NAME:X`,
 * LCS `ENC1:…,ENC2:…,FILETRANSFER:ON,NAME:X`. Ends with CRLF, as an ASP.NET page would.
 */
export function formatStatus(
  variant: MonarchVariant,
  channels: ReadonlyMap<string, SimChannel>,
  name: string,
  fileTransfer: string,
): string {
  const ch = (id: string) => channels.get(id) ?? { mode: 'NONE', state: 'DISABLED' };
  const pair = (id: string) => `${ch(id).mode},${ch(id).state}`;
  const lines: Record<MonarchVariant, () => string> = {
    hd: () => `RECORD: ${ch('record').state}, STREAM:${pair('stream')}, NAME:${name}`,
    nvs30: () => `RECORD:${ch('record').state},STREAM:${pair('stream')},NAME:${name}`,
    hdx: () => `ENC1:${pair('enc1')}, ENC2:${pair('enc2')}, NAME:${name}`,
    lcs: () => `ENC1:${pair('enc1')},ENC2:${pair('enc2')},FILETRANSFER:${fileTransfer},NAME:${name}`,
  };
  return `${lines[variant]()}\r\n`;
}
