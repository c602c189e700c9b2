import { StringEnum, Type, type Static } from '@encoder-manager/sdk';

/** Defaults the schema declares; the code falls back to the same values when a field is missing. */
export const DEFAULTS = {
  ffmpegPath: 'ffmpeg',
  pollIntervalMs: 1000,
  progressPeriodMs: 500,
  startTimeoutMs: 10_000,
  stopTimeoutMs: 3000,
  ioTimeoutMs: 5000,
  size: '1280x720',
  rate: 30,
  videoBitrateKbps: 2500,
  audioBitrateKbps: 128,
  preset: 'veryfast',
  tune: 'zerolatency',
  gopSeconds: 2,
  probeMs: 500,
  probeSizeBytes: 500_000,
} as const;

const Id = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]*$',
  maxLength: 64,
  description: 'Lower-case letters, digits and dashes, starting with a letter or digit.',
  examples: ['studio-a', 'youtube'],
});

const TestsrcInput = Type.Object(
  {
    type: Type.Literal('testsrc'),
    size: Type.Optional(
      Type.String({ pattern: '^[0-9]+x[0-9]+$', default: DEFAULTS.size, description: 'WIDTHxHEIGHT.' }),
    ),
    rate: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, default: DEFAULTS.rate })),
    audio: Type.Optional(Type.Boolean({ default: true, description: 'Add a 1 kHz stereo tone.' })),
  },
  { additionalProperties: false, description: 'ffmpeg test pattern (lavfi testsrc2), paced in real time.' },
);

const FileInput = Type.Object(
  {
    type: Type.Literal('file'),
    path: Type.String({ minLength: 1, examples: ['/srv/media/slate.mp4'] }),
    loop: Type.Optional(Type.Boolean({ default: true, description: 'Loop the file forever.' })),
  },
  { additionalProperties: false, description: 'A media file, read in real time (-re).' },
);

const UrlInput = Type.Object(
  {
    type: Type.Literal('url'),
    url: Type.String({ minLength: 1, examples: ['srt://10.0.0.5:9000?mode=caller'] }),
    probeMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: DEFAULTS.probeMs,
        description:
          'How long ffmpeg analyses the source before encoding (-analyzeduration); 0 = ffmpeg default.',
      }),
    ),
  },
  { additionalProperties: false, description: 'A live source ffmpeg can open (RTMP, SRT, UDP, HTTP …).' },
);

/** One ffmpeg process per output: its destination and encoding settings. */
export const OutputSchema = Type.Object(
  {
    id: Id,
    kind: StringEnum(['stream', 'record'] as const),
    url: Type.String({
      minLength: 1,
      description: 'rtmp://, rtmps://, srt:// URL, or a file path for recordings.',
      examples: ['rtmp://127.0.0.1:1935/live/studio-a', '/srv/rec/studio-a-{start}.ts'],
    }),
    streamKey: Type.Optional(
      Type.String({
        minLength: 1,
        secret: true,
        description: 'Appended to an RTMP url as its last segment.',
      }),
    ),
    format: Type.Optional(Type.String({ description: 'ffmpeg muxer (-f); default from the URL/extension.' })),
    videoBitrateKbps: Type.Optional(Type.Integer({ minimum: 100, default: DEFAULTS.videoBitrateKbps })),
    audioBitrateKbps: Type.Optional(Type.Integer({ minimum: 16, default: DEFAULTS.audioBitrateKbps })),
    preset: Type.Optional(Type.String({ default: DEFAULTS.preset, description: 'libx264 -preset.' })),
    tune: Type.Optional(Type.String({ default: DEFAULTS.tune, description: 'libx264 -tune; "" for none.' })),
    gopSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: DEFAULTS.gopSeconds })),
    extraArgs: Type.Optional(
      Type.Array(Type.String(), { description: 'Extra ffmpeg output options, inserted before the URL.' }),
    ),
  },
  { additionalProperties: false },
);

/** One software encoder: an input and its outputs. */
export const EncoderSchema = Type.Object(
  {
    id: Id,
    input: Type.Union([TestsrcInput, FileInput, UrlInput]),
    outputs: Type.Array(OutputSchema, { minItems: 1 }),
    labels: Type.Optional(Type.Record(Type.String(), Type.String())),
    autoStart: Type.Optional(Type.Boolean({ default: false, description: 'Start every output at setup.' })),
    ffmpegPath: Type.Optional(Type.String({ minLength: 1, default: DEFAULTS.ffmpegPath })),
    pollIntervalMs: Type.Optional(Type.Integer({ minimum: 100, default: DEFAULTS.pollIntervalMs })),
    progressPeriodMs: Type.Optional(
      Type.Integer({ minimum: 100, maximum: 10_000, default: DEFAULTS.progressPeriodMs }),
    ),
    stallAfterMs: Type.Optional(
      Type.Integer({ minimum: 200, description: 'No progress for this long = STALLED. Default 2 × period.' }),
    ),
    startTimeoutMs: Type.Optional(Type.Integer({ minimum: 500, default: DEFAULTS.startTimeoutMs })),
    stopTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, default: DEFAULTS.stopTimeoutMs })),
    ioTimeoutMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: DEFAULTS.ioTimeoutMs,
        description: 'ffmpeg -rw_timeout; 0 = off.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The `driver-ffmpeg` plugin config. */
export const configSchema = Type.Object(
  { encoders: Type.Array(EncoderSchema, { minItems: 1, maxItems: 32 }) },
  { additionalProperties: false, description: 'Software encoders run as ffmpeg processes.' },
);

export type DriverFfmpegConfig = Static<typeof configSchema>;
export type FfmpegEncoderConfig = Static<typeof EncoderSchema>;
export type FfmpegOutputConfig = Static<typeof OutputSchema>;
export type FfmpegInputConfig = FfmpegEncoderConfig['input'];
