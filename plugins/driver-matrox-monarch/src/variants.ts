/** Monarch models the driver knows (encoders.md §3.1). */
export const MONARCH_VARIANTS = ['hd', 'hdx', 'lcs', 'nvs30'] as const;
export type MonarchVariant = (typeof MONARCH_VARIANTS)[number];

/** The two documented GetStatus layouts: HD (`RECORD:…,STREAM:…`) and HDX/LCS (`ENC1:…,ENC2:…`). */
export type StatusFormat = 'hd' | 'hdx' | 'lcs';

/** The start and stop command of one control target. */
export interface CommandPair {
  readonly start: string;
  readonly stop: string;
}

/** What differs between models: the SDK path, the status layout, and the command names. */
export interface VariantInfo {
  readonly model: string;
  readonly path: string;
  readonly format: StatusFormat;
  /** Control targets: output ids, plus `both` where the device has one command for all outputs. */
  readonly commands: Readonly<Record<string, CommandPair>>;
}

const MONARCH_PATH = '/Monarch/syncconnect/sdk.aspx';

const HD_COMMANDS = {
  stream: { start: 'StartStreaming', stop: 'StopStreaming' },
  record: { start: 'StartRecording', stop: 'StopRecording' },
  both: { start: 'StartStreamingAndRecording', stop: 'StopStreamingAndRecording' },
};

const BOTH_ENCODERS = { start: 'StartBothEncoders', stop: 'StopBothEncoders' };

/** Per model: HD/NVS-30 stream+record commands; HDX per-encoder commands; LCS only both encoders at once. */
export const VARIANTS: Readonly<Record<MonarchVariant, VariantInfo>> = {
  hd: { model: 'Monarch HD', path: MONARCH_PATH, format: 'hd', commands: HD_COMMANDS },
  nvs30: {
    model: 'Datavideo NVS-30',
    path: '/NVS/syncconnect/sdk.aspx',
    format: 'hd',
    commands: HD_COMMANDS,
  },
  hdx: {
    model: 'Monarch HDX',
    path: MONARCH_PATH,
    format: 'hdx',
    commands: {
      enc1: { start: 'StartEncoder1', stop: 'StopEncoder1' },
      enc2: { start: 'StartEncoder2', stop: 'StopEncoder2' },
      both: BOTH_ENCODERS,
    },
  },
  lcs: { model: 'Monarch LCS', path: MONARCH_PATH, format: 'lcs', commands: { both: BOTH_ENCODERS } },
};
